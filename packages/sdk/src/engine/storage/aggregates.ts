/**
 * The aggregate queries of the conductor (`get_workflow_aggregates`, `get_step_aggregates`),
 * with DBOS's groupings, selections and time buckets. Workflow filters are those of
 * `listWorkflows`.
 */
import type { ListWorkflowsFilter } from '../../types';

/** What a workflow aggregate row can be grouped by (DBOS's `group_by_*` flags). */
export type WorkflowGroupKey =
  'status' | 'name' | 'queue_name' | 'executor_id' | 'application_version' | 'application_name';

/** What it can compute (DBOS's `select_*` flags). */
export type WorkflowAggregateKey =
  'count' | 'min_created_at' | 'max_queue_wait_ms' | 'max_total_latency_ms';

export type StepGroupKey = 'function_name' | 'status';
export type StepAggregateKey = 'count' | 'max_duration_ms';

/** One aggregate query (`get_workflow_aggregates`, `get_step_aggregates`). */
export interface AggregateQuery<G extends string, S extends string, F> {
  /** At least one of these or `timeBucketMs`. */
  groupBy: G[];
  /** Also group by `time_bucket`: the timestamp rounded down to a multiple of this. */
  timeBucketMs?: number;
  /** At least one. */
  select: S[];
  filter: F;
}

/** Filters of step aggregates; lists match any of their values. */
export interface StepAggregateFilter {
  /** `SUCCESS` (no error recorded) or `ERROR`. */
  status?: string[];
  functionName?: string[];
  workflowIdPrefix?: string[];
  /** On the step's completion time (epoch ms), inclusive. */
  completedAfter?: number;
  completedBefore?: number;
}

export type WorkflowAggregateQuery = AggregateQuery<
  WorkflowGroupKey,
  WorkflowAggregateKey,
  ListWorkflowsFilter
>;
export type StepAggregateQuery = AggregateQuery<
  StepGroupKey,
  StepAggregateKey,
  StepAggregateFilter
>;

/** One row: the group's values (strings, or null), and the selected numbers (null if none). */
export interface AggregateRow<S extends string> {
  group: Record<string, string | null>;
  values: Record<S, number | null>;
}

/** Aggregates over one application's workflows and steps. */
export interface AggregateStorage {
  workflowAggregates(
    applicationName: string,
    query: WorkflowAggregateQuery,
  ): Promise<AggregateRow<WorkflowAggregateKey>[]>;
  stepAggregates(
    applicationName: string,
    query: StepAggregateQuery,
  ): Promise<AggregateRow<StepAggregateKey>[]>;
}
