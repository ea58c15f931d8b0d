/** Builds the WHERE/ORDER/LIMIT part of `listWorkflows` from a filter. Pure. */
import type { ListWorkflowsFilter } from '../../types';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const toList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

const toEpochMs = (value: Date | number): number =>
  value instanceof Date ? value.getTime() : value;

/**
 * `applicationName` always scopes the listing to one application. `table` is the
 * schema-qualified table the fragment follows (`FROM <table> <fragment>`).
 */
export function buildListQuery(
  table: string,
  applicationName: string,
  filter: ListWorkflowsFilter,
): SqlFragment {
  const { sql: where, params } = buildListWhere(table, applicationName, filter);
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const direction = filter.sortDesc === true ? 'DESC' : 'ASC';
  let sql = `${where} ORDER BY created_at ${direction}, workflow_id ${direction}`;
  if (filter.limit !== undefined) sql += ` LIMIT ${bind(filter.limit)}`;
  if (filter.offset !== undefined) sql += ` OFFSET ${bind(filter.offset)}`;
  return { sql, params };
}

/**
 * The WHERE clause of `buildListQuery` alone (paging and order ignored), for queries that
 * filter workflows the same way, such as aggregates. Parameters start at `$1`.
 */
export function buildListWhere(
  table: string,
  applicationName: string,
  filter: ListWorkflowsFilter,
): SqlFragment {
  const params: unknown[] = [applicationName];
  const where: string[] = ['application_name = $1'];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const anyOf = (column: string, values: string[] | undefined): void => {
    if (values !== undefined) where.push(`${column} = ANY(${bind(values)}::text[])`);
  };

  anyOf('workflow_id', filter.workflowIds);
  anyOf('status', toList(filter.status));
  anyOf('name', toList(filter.workflowName));
  anyOf('executor_id', toList(filter.executorId));
  anyOf('application_version', toList(filter.applicationVersion));
  anyOf('queue_name', toList(filter.queueName));
  anyOf('parent_workflow_id', toList(filter.parentWorkflowId));
  anyOf('forked_from', toList(filter.forkedFrom));
  anyOf('authenticated_user', toList(filter.authenticatedUser));
  anyOf('schedule_name', toList(filter.scheduleName));
  const prefixes = toList(filter.workflowIdPrefix);
  if (prefixes !== undefined) {
    // starts_with avoids LIKE, whose wildcards would need escaping in user-given prefixes.
    const clause = prefixes
      .map((prefix) => `starts_with(workflow_id, ${bind(prefix)})`)
      .join(' OR ');
    where.push(prefixes.length > 1 ? `(${clause})` : clause || 'FALSE');
  }
  const between = (column: string, from?: Date | number, to?: Date | number): void => {
    if (from !== undefined) where.push(`${column} >= ${bind(toEpochMs(from))}`);
    if (to !== undefined) where.push(`${column} <= ${bind(toEpochMs(to))}`);
  };
  between('created_at', filter.startTime, filter.endTime);
  between('completed_at', filter.completedAfter, filter.completedBefore);
  between('started_at', filter.startedAfter, filter.startedBefore);
  if (filter.dequeuedAfter !== undefined || filter.dequeuedBefore !== undefined) {
    // A start counts as a dequeue only on a queue (DBOS has no start time for the others).
    where.push('queue_name IS NOT NULL');
    between('started_at', filter.dequeuedAfter, filter.dequeuedBefore);
  }
  const isSet = (column: string, value: boolean | undefined): void => {
    if (value !== undefined) where.push(`${column} IS ${value ? 'NOT NULL' : 'NULL'}`);
  };
  if (filter.wasForkedFrom !== undefined) {
    const forked = `EXISTS (SELECT 1 FROM ${table} fork WHERE fork.forked_from = ${table}.workflow_id)`;
    where.push(filter.wasForkedFrom ? forked : `NOT ${forked}`);
  }
  isSet('parent_workflow_id', filter.hasParent);
  if (filter.queuesOnly === true) {
    where.push(`queue_name IS NOT NULL AND status IN ('ENQUEUED', 'PENDING', 'DELAYED')`);
  }

  return { sql: `WHERE ${where.join(' AND ')}`, params };
}
