import { z } from 'zod';
import { StringOrListSchema, WireTimestampSchema } from './common';

/**
 * The nested `body` objects of the "body" messages. Every field is optional unless noted.
 * Send only the filters you use: an explicit `null` filter can change the result (TS reads
 * `was_forked_from: null` as `= NULL` and `has_parent: null` as false), so `encodeRequest`
 * drops null filters.
 */

const sl = StringOrListSchema.nullish();
const bool = z.boolean().nullish();
const time = WireTimestampSchema.nullish();
const list = z.array(z.string()).nullish();
const count = z.number().int().nonnegative().nullish();

const listFilters = {
  /** Exact workflow IDs. Never send `[]`: TS executors fail with an SQL error. */
  workflow_uuids: list,
  workflow_name: sl,
  authenticated_user: sl,
  /** `created_at` ≥ start_time and ≤ end_time. */
  start_time: time,
  end_time: time,
  completed_after: time,
  completed_before: time,
  dequeued_after: time,
  dequeued_before: time,
  status: sl,
  application_version: sl,
  forked_from: sl,
  parent_workflow_id: sl,
  queue_name: sl,
  limit: count,
  offset: count,
  /** By creation time. Always sent by `encodeRequest` (Python and TS default to ascending). */
  sort_desc: bool,
  workflow_id_prefix: sl,
  /** TS defaults false, Python true: always sent explicitly by `encodeRequest`. */
  load_input: bool,
  load_output: bool,
  executor_id: sl,
  was_forked_from: bool,
  has_parent: bool,
  /** Custom workflow attributes filter (TS 4.21 / Py 2.25). */
  attributes: z.record(z.string(), z.unknown()).nullish(),
  schedule_name: sl,
  /** Owning application(s); executors only see their own application by default. */
  application_name: sl,
};

/** `list_queued_workflows.body`: always restricted to queued, active workflows. */
export const ListQueuedWorkflowsBodySchema = z.object(listFilters);
export type ListQueuedWorkflowsBody = z.infer<typeof ListQueuedWorkflowsBodySchema>;

/** `list_workflows.body`. */
export const ListWorkflowsBodySchema = z.object({
  ...listFilters,
  /** Only queued and active workflows (queue set; ENQUEUED, PENDING or DELAYED). */
  queues_only: bool,
});
export type ListWorkflowsBody = z.infer<typeof ListWorkflowsBodySchema>;

/** `fork_workflow.body`. Python requires `new_workflow_id` and `application_version` keys (null allowed). */
export const ForkWorkflowBodySchema = z.object({
  workflow_id: z.string(),
  start_step: z.number().int().nonnegative(),
  /** Retargets the fork to another code version. */
  application_version: z.string().nullish(),
  /** Null lets the executor pick a UUID. */
  new_workflow_id: z.string().nullish(),
  queue_name: z.string().nullish(),
  queue_partition_key: z.string().nullish(),
});
export type ForkWorkflowBody = z.infer<typeof ForkWorkflowBodySchema>;

/** `fork_from_failure.body`: exactly one of the `from_*` selectors. */
export const ForkFromFailureBodySchema = z.object({
  workflow_ids: z.array(z.string()),
  application_version: z.string().nullish(),
  queue_name: z.string().nullish(),
  queue_partition_key: z.string().nullish(),
  from_last_failure: bool,
  from_last_step: bool,
  from_step: count,
  from_step_name: z.string().nullish(),
});
export type ForkFromFailureBody = z.infer<typeof ForkFromFailureBodySchema>;

/** How many of fork_from_failure's step selectors a body sets; exactly one is valid. */
export function countForkFromFailureSelectors(body: {
  from_last_failure?: unknown;
  from_last_step?: unknown;
  from_step?: unknown;
  from_step_name?: unknown;
}): number {
  return [
    body.from_last_failure === true,
    body.from_last_step === true,
    typeof body.from_step === 'number',
    typeof body.from_step_name === 'string',
  ].filter(Boolean).length;
}

/** `rewind_workflow.body` (TS 5.1+): rewinds in place to `start_step` (default 0). */
export const RewindWorkflowBodySchema = z.object({
  workflow_id: z.string(),
  start_step: count,
  application_version: z.string().nullish(),
  queue_name: z.string().nullish(),
  queue_partition_key: z.string().nullish(),
});
export type RewindWorkflowBody = z.infer<typeof RewindWorkflowBodySchema>;

/** `retention.body`. Python needs the keys present (null allowed); `encodeRequest` sends all four. */
export const RetentionBodySchema = z.object({
  gc_cutoff_epoch_ms: z.number().nullish(),
  gc_rows_threshold: z.number().nullish(),
  /** TS 5.0 / Py 2.27+. */
  gc_batch_size: z.number().nullish(),
  timeout_cutoff_epoch_ms: z.number().nullish(),
});
export type RetentionBody = z.infer<typeof RetentionBodySchema>;

/** `list_schedules.body`. */
export const ListSchedulesBodySchema = z.object({
  /** `ACTIVE` / `PAUSED`. */
  status: sl,
  workflow_name: sl,
  schedule_name_prefix: sl,
  application_name: sl,
  /** Defaults to true on the executor. */
  load_context: bool,
});
export type ListSchedulesBody = z.infer<typeof ListSchedulesBodySchema>;

/** `list_queues.body` (the only body an executor tolerates missing). */
export const ListQueuesBodySchema = z.object({ application_name: sl });
export type ListQueuesBody = z.infer<typeof ListQueuesBodySchema>;
