/**
 * Handlers of the read-only figures: `get_metrics` (counts per name in a window) and the
 * aggregates (`get_workflow_aggregates`, `get_step_aggregates`), in DBOS TypeScript's shapes:
 * without a `select_*` flag a count is implied; every selectable key is in each row, null when
 * not selected; empty filter lists filter nothing. Filters on things this SDK never records
 * (schedules, custom attributes) or on another application match nothing. Throwing is fine
 * (the dispatcher answers with `error_message` and an empty `output`).
 */
import type {
  ExecutorRequestHandlers,
  GetStepAggregatesBody,
  GetWorkflowAggregatesBody,
} from '@podium/protocol';
import type {
  StepAggregateKey,
  StepGroupKey,
  WorkflowAggregateKey,
  WorkflowGroupKey,
} from '../engine/storage/aggregates';
import type { WorkflowStatusType } from '../types';
import { time } from './list-filters';
import type { AgentOperations } from './operations';

export type ObservabilityHandlerTypes =
  'get_metrics' | 'get_workflow_aggregates' | 'get_step_aggregates';

/** The one metric class DBOS answers. */
const METRIC_CLASS = 'workflow_step_count';

export function observabilityHandlers(
  ops: AgentOperations,
  applicationName: string,
): Pick<ExecutorRequestHandlers, ObservabilityHandlerTypes> {
  const otherApplication = (apps: string[] | null | undefined) =>
    apps !== null && apps !== undefined && apps.length > 0 && !apps.includes(applicationName);
  return {
    get_metrics: async (request) => {
      if (request.metric_class !== METRIC_CLASS) {
        return { metrics: [], error_message: `Unexpected metric class: ${request.metric_class}` };
      }
      if (otherApplication(request.application_name)) return { metrics: [] };
      const { workflows, steps } = await ops.metrics.countByName(
        time('start_time', request.start_time) ?? 0,
        time('end_time', request.end_time) ?? Date.now(),
      );
      const metric = (type: string) => (count: { name: string; count: number }) => ({
        metric_type: type,
        metric_name: count.name,
        value: count.count,
      });
      return {
        metrics: [...workflows.map(metric('workflow_count')), ...steps.map(metric('step_count'))],
      };
    },

    get_workflow_aggregates: async (request) => {
      const b = request.body ?? {};
      if (otherApplication(b.application_name) || nonEmpty(b.schedule_name)) return { output: [] };
      if (b.attributes && Object.keys(b.attributes).length > 0) return { output: [] };
      const rows = await ops.metrics.workflowAggregates({
        groupBy: flagged<WorkflowGroupKey>({
          status: b.group_by_status,
          name: b.group_by_name,
          queue_name: b.group_by_queue_name,
          executor_id: b.group_by_executor_id,
          application_version: b.group_by_application_version,
          application_name: b.group_by_application_name,
        }),
        timeBucketMs: b.time_bucket_size_ms ?? undefined,
        select: selected(WORKFLOW_SELECTS, {
          count: b.select_count,
          min_created_at: b.select_min_created_at,
          max_queue_wait_ms: b.select_max_queue_wait_ms,
          max_total_latency_ms: b.select_max_total_latency_ms,
        }),
        filter: workflowFilter(b),
      });
      return {
        output: rows.map(({ group, values }) => ({
          group,
          ...Object.fromEntries(WORKFLOW_SELECTS.map((key) => [key, values[key] ?? null])),
        })),
      };
    },

    get_step_aggregates: async (request) => {
      const b: GetStepAggregatesBody = request.body ?? {};
      if (otherApplication(b.application_name)) return { output: [] };
      const rows = await ops.metrics.stepAggregates({
        groupBy: flagged<StepGroupKey>({
          function_name: b.group_by_function_name,
          status: b.group_by_status,
        }),
        timeBucketMs: b.time_bucket_size_ms ?? undefined,
        select: selected(STEP_SELECTS, {
          count: b.select_count,
          max_duration_ms: b.select_max_duration_ms,
        }),
        filter: {
          status: nonEmpty(b.status),
          functionName: nonEmpty(b.function_name),
          workflowIdPrefix: nonEmpty(b.workflow_id_prefix),
          completedAfter: time('completed_after', b.completed_after),
          completedBefore: time('completed_before', b.completed_before),
        },
      });
      return {
        output: rows.map(({ group, values }) => ({
          group,
          ...Object.fromEntries(STEP_SELECTS.map((key) => [key, values[key] ?? null])),
        })),
      };
    },
  };
}

const WORKFLOW_SELECTS: WorkflowAggregateKey[] = [
  'count',
  'min_created_at',
  'max_queue_wait_ms',
  'max_total_latency_ms',
];
const STEP_SELECTS: StepAggregateKey[] = ['count', 'max_duration_ms'];

type Flags<K extends string> = Record<K, boolean | null | undefined>;

function flagged<K extends string>(flags: Flags<K>): K[] {
  return (Object.keys(flags) as K[]).filter((key) => flags[key] === true);
}

/** The selected keys; a count when none is (older conductors send no select flag). */
function selected<K extends string>(all: K[], flags: Flags<K>): K[] {
  const chosen = all.filter((key) => flags[key] === true);
  return chosen.length > 0 ? chosen : (['count'] as K[]);
}

/** A filter list, or undefined when absent or empty (DBOS filters nothing then). */
function nonEmpty(values: string[] | null | undefined): string[] | undefined {
  return values === null || values === undefined || values.length === 0 ? undefined : values;
}

/** The aggregate body's filters as `listWorkflows` filters (same meanings). */
function workflowFilter(b: GetWorkflowAggregatesBody) {
  const hasParent = b.has_parent;
  const wasForkedFrom = b.was_forked_from;
  return {
    status: nonEmpty(b.status) as WorkflowStatusType[] | undefined,
    workflowName: nonEmpty(b.name),
    applicationVersion: nonEmpty(b.app_version),
    executorId: nonEmpty(b.executor_id),
    queueName: nonEmpty(b.queue_name),
    workflowIdPrefix: nonEmpty(b.workflow_id_prefix),
    // TS ≤ 4.27 conductors spell these workflow_uuids and authenticated_user.
    workflowIds: nonEmpty(b.workflow_ids) ?? nonEmpty(b.workflow_uuids),
    authenticatedUser: nonEmpty(b.user) ?? nonEmpty(b.authenticated_user),
    forkedFrom: nonEmpty(b.forked_from),
    parentWorkflowId: nonEmpty(b.parent_workflow_id),
    startTime: time('start_time', b.start_time),
    endTime: time('end_time', b.end_time),
    completedAfter: time('completed_after', b.completed_after),
    completedBefore: time('completed_before', b.completed_before),
    dequeuedAfter: time('dequeued_after', b.dequeued_after),
    dequeuedBefore: time('dequeued_before', b.dequeued_before),
    wasForkedFrom: wasForkedFrom === null ? undefined : wasForkedFrom,
    hasParent: hasParent === null ? undefined : hasParent,
  };
}
