import {
  toWireTimestamp,
  type ListQueuedWorkflowsBody,
  type ListQueuedWorkflowsQuery,
  type ListWorkflowsBody,
  type ListWorkflowsQuery,
  type Paginated,
  type SearchWorkflowsRequest,
} from '@podium/protocol';

/**
 * REST filters → the `list_workflows` / `list_queued_workflows` body. Unused filters stay
 * undefined (the encoder omits them: an explicit null changes DBOS's results); empty lists
 * mean "no filter"; times are re-rendered in the one format every SDK parses.
 */

export function searchToListBody(search: SearchWorkflowsRequest): ListWorkflowsBody {
  return {
    status: list(search.status),
    workflow_name: list(search.workflowName),
    workflow_uuids: list(search.workflowIds),
    workflow_id_prefix: list(search.workflowIdPrefix),
    queue_name: list(search.queueName),
    schedule_name: list(search.scheduleName),
    authenticated_user: list(search.user),
    executor_id: list(search.executorId),
    application_version: list(search.appVersion),
    parent_workflow_id: list(search.parentWorkflowId),
    forked_from: list(search.forkedFrom),
    start_time: wireTime(search.startTime),
    end_time: wireTime(search.endTime),
    completed_after: wireTime(search.completedAfter),
    completed_before: wireTime(search.completedBefore),
    dequeued_after: wireTime(search.dequeuedAfter),
    dequeued_before: wireTime(search.dequeuedBefore),
    has_parent: search.hasParent,
    was_forked_from: search.wasForkedFrom,
    queues_only: search.queuesOnly,
    attributes: search.attributes,
    limit: search.limit,
    offset: search.offset,
    sort_desc: search.sortDesc,
    load_input: search.loadInput,
    load_output: search.loadOutput,
  };
}

export function queryToListBody(query: ListWorkflowsQuery): ListWorkflowsBody {
  return {
    status: list(query.status),
    workflow_name: list(query.workflowName),
    workflow_id_prefix: query.workflowIdPrefix,
    queue_name: list(query.queueName),
    executor_id: list(query.executorId),
    application_version: list(query.appVersion),
    start_time: wireTime(query.startTime),
    end_time: wireTime(query.endTime),
    limit: query.limit,
    offset: query.offset,
    sort_desc: query.sortDesc,
    load_input: query.loadInput,
    load_output: query.loadOutput,
  };
}

export function queuedQueryToBody(
  queueName: string,
  query: ListQueuedWorkflowsQuery,
): ListQueuedWorkflowsBody {
  return {
    queue_name: queueName,
    status: list(query.status),
    workflow_name: list(query.workflowName),
    limit: query.limit,
    offset: query.offset,
    sort_desc: query.sortDesc,
    load_input: query.loadInput,
  };
}

/** A page; `nextOffset` when the page came back full (executors do not count). */
export function toPage<T>(items: T[], limit: number, offset: number): Paginated<T> {
  return {
    items,
    limit,
    offset,
    ...(items.length >= limit && { nextOffset: offset + items.length }),
  };
}

/** A list filter: undefined when absent or empty (an empty list means no filter). */
export function list<T>(values: readonly T[] | null | undefined): T[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/** A REST timestamp (any offset) → the wire's form (`+00:00`, which every SDK parses). */
export function wireTime(value: string | undefined): string | undefined {
  return value === undefined ? undefined : toWireTimestamp(new Date(value));
}
