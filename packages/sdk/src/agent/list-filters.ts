/**
 * `list_workflows` / `list_queued_workflows` bodies → the engine's `ListWorkflowsFilter`, with
 * DBOS TypeScript's defaults (inputs and outputs not loaded, oldest first). Null means absent.
 * Filters on things this SDK never records (custom attributes) or on another
 * application cannot match anything here, so they yield `null`: an empty answer.
 */
import type { ListWorkflowsBody, StringOrList } from '@podium/protocol';
import { InvalidOperationError } from '../errors';
import type { ListWorkflowsFilter, WorkflowStatusType } from '../types';

type Nullable<T> = T | null | undefined;

export function toListFilter(
  body: Nullable<ListWorkflowsBody>,
  applicationName: string,
  options: { queuesOnly: boolean },
): ListWorkflowsFilter | null {
  const b = body ?? {};
  const apps = list(b.application_name);
  if (apps !== undefined && !apps.includes(applicationName)) return null;
  if (b.attributes && Object.keys(b.attributes).length > 0) return null;
  return {
    workflowIds: b.workflow_uuids ?? undefined,
    status: list(b.status) as WorkflowStatusType[] | undefined,
    workflowName: list(b.workflow_name),
    workflowIdPrefix: list(b.workflow_id_prefix),
    executorId: list(b.executor_id),
    applicationVersion: list(b.application_version),
    queueName: list(b.queue_name),
    parentWorkflowId: list(b.parent_workflow_id),
    forkedFrom: list(b.forked_from),
    authenticatedUser: list(b.authenticated_user),
    scheduleName: list(b.schedule_name),
    startTime: time('start_time', b.start_time),
    endTime: time('end_time', b.end_time),
    completedAfter: time('completed_after', b.completed_after),
    completedBefore: time('completed_before', b.completed_before),
    dequeuedAfter: time('dequeued_after', b.dequeued_after),
    dequeuedBefore: time('dequeued_before', b.dequeued_before),
    wasForkedFrom: b.was_forked_from ?? undefined,
    hasParent: b.has_parent ?? undefined,
    queuesOnly: options.queuesOnly || (b.queues_only ?? false),
    limit: b.limit ?? undefined,
    offset: b.offset ?? undefined,
    sortDesc: b.sort_desc ?? false,
    loadInput: b.load_input ?? false,
    loadOutput: b.load_output ?? false,
  };
}

function list(value: Nullable<StringOrList>): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** An ISO-8601 request timestamp as epoch milliseconds. */
export function time(field: string, value: Nullable<string>): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidOperationError(`${field} is not a timestamp: "${value}"`);
  return ms;
}
