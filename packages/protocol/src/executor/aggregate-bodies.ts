import { z } from 'zod';
import { WireTimestampSchema } from './common';

/**
 * Bodies of `get_workflow_aggregates` and `get_step_aggregates`. With no `select_*` flag the
 * executor implies `count`. List filters are string arrays (only Go also takes a single string).
 */

const bool = z.boolean().nullish();
const list = z.array(z.string()).nullish();
const time = WireTimestampSchema.nullish();
const bucket = z.number().int().positive().nullish();

/** `get_workflow_aggregates.body`. At least one `group_by_*` flag or `time_bucket_size_ms`. */
export const GetWorkflowAggregatesBodySchema = z.object({
  group_by_status: bool,
  group_by_name: bool,
  group_by_queue_name: bool,
  group_by_executor_id: bool,
  group_by_application_version: bool,
  group_by_application_name: bool,
  select_count: bool,
  select_min_created_at: bool,
  select_max_queue_wait_ms: bool,
  select_max_total_latency_ms: bool,
  /** Buckets on `created_at`; the group key is `time_bucket`. */
  time_bucket_size_ms: bucket,
  status: list,
  name: list,
  app_version: list,
  executor_id: list,
  queue_name: list,
  workflow_id_prefix: list,
  /** TS 5.0+, Python, Go, Java. `encodeRequest` mirrors it into `workflow_uuids` for TS ≤ 4.27. */
  workflow_ids: list,
  /** TS ≤ 4.27 spelling of `workflow_ids`. */
  workflow_uuids: list,
  /** TS 5.0+, Python, Go, Java. `encodeRequest` mirrors it into `authenticated_user` for TS ≤ 4.27. */
  user: list,
  /** TS ≤ 4.27 spelling of `user`. */
  authenticated_user: list,
  forked_from: list,
  parent_workflow_id: list,
  schedule_name: list,
  application_name: list,
  start_time: time,
  end_time: time,
  completed_after: time,
  completed_before: time,
  dequeued_after: time,
  dequeued_before: time,
  was_forked_from: bool,
  has_parent: bool,
  attributes: z.record(z.string(), z.unknown()).nullish(),
});
export type GetWorkflowAggregatesBody = z.infer<typeof GetWorkflowAggregatesBodySchema>;

/** `get_step_aggregates.body`. Step status is `SUCCESS`/`ERROR` (whether the step recorded an error). */
export const GetStepAggregatesBodySchema = z.object({
  group_by_function_name: bool,
  group_by_status: bool,
  select_count: bool,
  select_max_duration_ms: bool,
  time_bucket_size_ms: bucket,
  status: list,
  function_name: list,
  workflow_id_prefix: list,
  completed_after: time,
  completed_before: time,
  application_name: list,
});
export type GetStepAggregatesBody = z.infer<typeof GetStepAggregatesBodySchema>;
