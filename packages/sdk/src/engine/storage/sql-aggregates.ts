/**
 * SQL for aggregates (part of `SqlStorage`), as DBOS TypeScript computes them: GROUP BY the
 * chosen columns (and a time bucket: the timestamp rounded down to a multiple of the bucket
 * size, workflows on `created_at`, steps on `completed_at`), one aggregate per selection,
 * group values as strings. Scoped to one application; steps through their workflow.
 *
 * Differences kept on purpose: `max_queue_wait_ms` counts queued workflows only (DBOS has no
 * start time for the others; here a direct start's is its creation, which would add zeros).
 */
import { InvalidOperationError } from '../../errors';
import type {
  AggregateRow,
  StepAggregateKey,
  StepAggregateQuery,
  WorkflowAggregateKey,
  WorkflowAggregateQuery,
} from './aggregates';
import { buildListWhere } from './list-query';
import type { Row } from './rows';
import { SqlPart } from './sql-part';

const WORKFLOW_SELECTS: Record<WorkflowAggregateKey, string> = {
  count: 'count(*)',
  min_created_at: 'min(created_at)',
  max_queue_wait_ms: 'max(started_at - created_at) FILTER (WHERE queue_name IS NOT NULL)',
  max_total_latency_ms: 'max(completed_at - created_at)',
};

const STEP_STATUS = `CASE WHEN o.error IS NULL THEN 'SUCCESS' ELSE 'ERROR' END`;

const STEP_GROUPS = { function_name: 'o.function_name', status: STEP_STATUS } as const;

const STEP_SELECTS: Record<StepAggregateKey, string> = {
  count: 'count(*)',
  max_duration_ms: 'max(o.completed_at - o.started_at)',
};

export class SqlAggregates extends SqlPart {
  async workflowAggregates(
    applicationName: string,
    query: WorkflowAggregateQuery,
  ): Promise<AggregateRow<WorkflowAggregateKey>[]> {
    const { sql: where, params } = buildListWhere(this.ws, applicationName, query.filter);
    const groups: [string, string][] = query.groupBy.map((key) => [key, key]);
    return this.aggregate({
      from: `${this.ws} ${where}`,
      params,
      groups,
      bucketOf: 'created_at',
      query,
      selects: WORKFLOW_SELECTS,
    });
  }

  async stepAggregates(
    applicationName: string,
    query: StepAggregateQuery,
  ): Promise<AggregateRow<StepAggregateKey>[]> {
    const params: unknown[] = [applicationName];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['w.application_name = $1'];
    const { status, functionName, workflowIdPrefix, completedAfter, completedBefore } =
      query.filter;
    if (status !== undefined) where.push(`${STEP_STATUS} = ANY(${bind(status)}::text[])`);
    if (functionName !== undefined) {
      where.push(`o.function_name = ANY(${bind(functionName)}::text[])`);
    }
    if (workflowIdPrefix !== undefined) {
      const prefixes = workflowIdPrefix.map((p) => `starts_with(o.workflow_id, ${bind(p)})`);
      where.push(`(${prefixes.join(' OR ') || 'FALSE'})`);
    }
    if (completedAfter !== undefined) where.push(`o.completed_at >= ${bind(completedAfter)}`);
    if (completedBefore !== undefined) where.push(`o.completed_at <= ${bind(completedBefore)}`);
    return this.aggregate({
      from: `${this.ops} o JOIN ${this.ws} w ON w.workflow_id = o.workflow_id
        WHERE ${where.join(' AND ')}`,
      params,
      groups: query.groupBy.map((key) => [key, STEP_GROUPS[key]]),
      bucketOf: 'o.completed_at',
      query,
      selects: STEP_SELECTS,
    });
  }

  /** `SELECT <groups>, <selects> FROM <from> GROUP BY <groups>`, read back as rows. */
  private async aggregate<S extends string>(parts: {
    from: string;
    params: unknown[];
    /** [name in the answer, SQL expression]. */
    groups: [string, string][];
    bucketOf: string;
    query: { timeBucketMs?: number; select: S[] };
    selects: Record<S, string>;
  }): Promise<AggregateRow<S>[]> {
    const { params, query } = parts;
    const groups = [...parts.groups];
    if (query.timeBucketMs !== undefined) {
      // One placeholder in SELECT and GROUP BY, so PostgreSQL sees the same expression.
      params.push(query.timeBucketMs);
      const size = `$${params.length}::bigint`;
      groups.push([
        'time_bucket',
        `(CAST(floor(${parts.bucketOf} / ${size}) AS BIGINT) * ${size})`,
      ]);
    }
    if (groups.length === 0) {
      throw new InvalidOperationError(
        'At least one group_by flag or time_bucket_size_ms is required',
      );
    }
    if (query.select.length === 0) {
      throw new InvalidOperationError('At least one select_ flag is required');
    }
    const columns = [
      ...groups.map(([name, expression]) => `${expression} AS ${name}`),
      ...query.select.map((name) => `${parts.selects[name]} AS ${name}`),
    ];
    const rows = await this.driver.query<Row>(
      `SELECT ${columns.join(', ')} FROM ${parts.from}
       GROUP BY ${groups.map(([, expression]) => expression).join(', ')}`,
      params,
    );
    return rows.map((row) => ({
      group: Object.fromEntries(groups.map(([name]) => [name, text(row[name])])),
      values: Object.fromEntries(query.select.map((name) => [name, number(row[name])])) as Record<
        S,
        number | null
      >,
    }));
  }
}

/** Group values are text columns or bigint buckets (a string on pg, a number on PGlite). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}
const number = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
