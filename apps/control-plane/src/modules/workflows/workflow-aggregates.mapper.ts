import type {
  GetWorkflowAggregatesBody,
  WorkflowAggregate,
  WorkflowAggregateOutput,
  WorkflowAggregatesRequest,
} from '@podium/protocol';
import { epochToIso } from './workflow.mapper';
import { list, wireTime } from './workflow-filters';

/**
 * `POST .../workflows/aggregates` ↔ `get_workflow_aggregates`. The REST names are DBOS
 * Conductor's (camelCase); the executor's are snake_case, and its group keys are renamed to the
 * REST names of the flags that asked for them (`name` → `workflowName`). Unset flags and empty
 * filters are left out: an explicit null changes some SDKs' results.
 */

export function toAggregatesBody(request: WorkflowAggregatesRequest): GetWorkflowAggregatesBody {
  return {
    group_by_status: request.groupByStatus,
    group_by_name: request.groupByWorkflowName,
    group_by_queue_name: request.groupByQueueName,
    group_by_executor_id: request.groupByExecutorId,
    group_by_application_version: request.groupByAppVersion,
    group_by_application_name: request.groupByApplicationName,
    select_count: request.selectCount,
    select_min_created_at: request.selectMinCreatedAt,
    select_max_queue_wait_ms: request.selectMaxQueueWaitMs,
    select_max_total_latency_ms: request.selectMaxTotalLatencyMs,
    time_bucket_size_ms: request.timeBucketSizeMs,
    status: list(request.status),
    name: list(request.workflowName),
    workflow_ids: list(request.workflowIds),
    workflow_id_prefix: list(request.workflowIdPrefix),
    queue_name: list(request.queueName),
    schedule_name: list(request.scheduleName),
    user: list(request.user),
    executor_id: list(request.executorId),
    app_version: list(request.appVersion),
    parent_workflow_id: list(request.parentWorkflowId),
    forked_from: list(request.forkedFrom),
    start_time: wireTime(request.startTime),
    end_time: wireTime(request.endTime),
    completed_after: wireTime(request.completedAfter),
    completed_before: wireTime(request.completedBefore),
    dequeued_after: wireTime(request.dequeuedAfter),
    dequeued_before: wireTime(request.dequeuedBefore),
    has_parent: request.hasParent,
    was_forked_from: request.wasForkedFrom,
    attributes: request.attributes,
  };
}

/** The executor's group keys → the REST ones; unknown keys pass through. */
const GROUP_KEYS: Readonly<Record<string, string>> = {
  name: 'workflowName',
  queue_name: 'queueName',
  executor_id: 'executorId',
  application_version: 'appVersion',
  application_name: 'applicationName',
  time_bucket: 'timeBucket',
};

export function mapWorkflowAggregate(row: WorkflowAggregateOutput): WorkflowAggregate {
  const minCreatedAt = epochToIso(row.min_created_at);
  return {
    group: Object.fromEntries(
      Object.entries(row.group).map(([key, value]) => [GROUP_KEYS[key] ?? key, value]),
    ),
    ...(typeof row.count === 'number' && { count: row.count }),
    ...(minCreatedAt !== null && { minCreatedAt }),
    ...(typeof row.max_queue_wait_ms === 'number' && { maxQueueWaitMs: row.max_queue_wait_ms }),
    ...(typeof row.max_total_latency_ms === 'number' && {
      maxTotalLatencyMs: row.max_total_latency_ms,
    }),
  };
}
