import { z } from 'zod';
import { DisplayStringSchema, EpochMsStringSchema } from './common';

/**
 * Records that executors send inside responses. Key names and value types are DBOS's, including
 * their inconsistencies (epoch ms as strings here, as numbers there). Optional keys are nullish.
 */

const str = z.string().nullish();

/**
 * One workflow (items of `list_workflows` / `list_queued_workflows`, output of `get_workflow`).
 * PascalCase keys; every value is a string except `WasForkedFrom`. `Attributes` and
 * `AuthenticatedRoles` are JSON (Python: `str(list)`) kept as strings; `Input`, `Output` and
 * `Error` are display strings.
 */
export const WorkflowsOutputSchema = z.object({
  WorkflowUUID: z.string(),
  /** A {@link WorkflowStatus} in practice; kept a string so a new status does not break a page. */
  Status: str,
  WorkflowName: str,
  WorkflowClassName: str,
  WorkflowConfigName: str,
  AuthenticatedUser: str,
  AssumedRole: str,
  /** Roles list serialised as a string: JSON array (TS, Go) or Python `str(list)`. */
  AuthenticatedRoles: str,
  Input: DisplayStringSchema.nullish(),
  Output: DisplayStringSchema.nullish(),
  /** TS: JSON of the serialised error; Python/Go: plain text. */
  Error: str,
  CreatedAt: EpochMsStringSchema.nullish(),
  UpdatedAt: EpochMsStringSchema.nullish(),
  QueueName: str,
  ApplicationVersion: str,
  ExecutorID: str,
  WorkflowTimeoutMS: str,
  WorkflowDeadlineEpochMS: EpochMsStringSchema.nullish(),
  DeduplicationID: str,
  /** Integer as a string (`"0"` by default). */
  Priority: str,
  QueuePartitionKey: str,
  DequeuedAt: EpochMsStringSchema.nullish(),
  ForkedFrom: str,
  WasForkedFrom: z.boolean().nullish(),
  ParentWorkflowID: str,
  DelayUntilEpochMS: EpochMsStringSchema.nullish(),
  CompletedAt: EpochMsStringSchema.nullish(),
  /** JSON object serialised as a string (deliberately machine-readable). */
  Attributes: str,
  ScheduleName: str,
  ApplicationName: str,
});
export type WorkflowsOutput = z.infer<typeof WorkflowsOutputSchema>;

/** One step of a workflow (items of `list_steps`). `function_id` is 0-based in TS/Go/Java, 1-based in Python. */
export const WorkflowStepsSchema = z.object({
  function_id: z.number(),
  function_name: z.string(),
  output: DisplayStringSchema.nullish(),
  error: str,
  child_workflow_id: str,
  started_at_epoch_ms: EpochMsStringSchema.nullish(),
  completed_at_epoch_ms: EpochMsStringSchema.nullish(),
});
export type WorkflowSteps = z.infer<typeof WorkflowStepsSchema>;

const int = z.number().nullish();

/** A queue's configuration (`list_queues`, `get_queue`). */
export const QueueOutputSchema = z.object({
  name: z.string(),
  concurrency: int,
  worker_concurrency: int,
  rate_limit_max: int,
  rate_limit_period_sec: int,
  priority_enabled: z.boolean().nullish(),
  partition_queue: z.boolean().nullish(),
  polling_interval_sec: int,
  application_name: str,
  partition_concurrency: int,
  partition_worker_concurrency: int,
  partition_rate_limit_max: int,
  partition_rate_limit_period_sec: int,
});
export type QueueOutput = z.infer<typeof QueueOutputSchema>;

/** A schedule (`list_schedules`, `get_schedule`). `last_fired_at` is ISO; `context` a display string. */
export const ScheduleOutputSchema = z.object({
  schedule_id: z.string(),
  schedule_name: z.string(),
  workflow_name: z.string(),
  workflow_class_name: str,
  /** Cron expression. */
  schedule: z.string(),
  /** `ACTIVE` or `PAUSED`. */
  status: z.string(),
  context: DisplayStringSchema.nullish(),
  last_fired_at: str,
  automatic_backfill: z.boolean().nullish(),
  cron_timezone: str,
  queue_name: str,
  application_name: str,
});
export type ScheduleOutput = z.infer<typeof ScheduleOutputSchema>;

/** A registered application version; the highest `version_timestamp` is "latest". Numbers are epoch ms. */
export const ApplicationVersionOutputSchema = z.object({
  version_id: z.string(),
  version_name: z.string(),
  version_timestamp: z.number(),
  created_at: z.number(),
});
export type ApplicationVersionOutput = z.infer<typeof ApplicationVersionOutputSchema>;

/** One `get_metrics` item: `metric_type` is `workflow_count` or `step_count`. */
export const MetricDataSchema = z.object({
  metric_type: z.string(),
  metric_name: z.string(),
  value: z.number(),
});
export type MetricData = z.infer<typeof MetricDataSchema>;

/** Group keys of an aggregate row (`status`, `name`, `time_bucket`, ...) mapped to a string or null. */
export const AggregateGroupSchema = z.record(z.string(), z.string().nullable());

/** One `get_workflow_aggregates` row. Values are numbers (epoch ms or durations in ms). */
export const WorkflowAggregateOutputSchema = z.object({
  group: AggregateGroupSchema,
  count: int,
  min_created_at: int,
  max_queue_wait_ms: int,
  max_total_latency_ms: int,
});
export type WorkflowAggregateOutput = z.infer<typeof WorkflowAggregateOutputSchema>;

/** One `get_step_aggregates` row. */
export const StepAggregateOutputSchema = z.object({
  group: AggregateGroupSchema,
  count: int,
  max_duration_ms: int,
});
export type StepAggregateOutput = z.infer<typeof StepAggregateOutputSchema>;

/** A workflow event (`get_workflow_events`); `value` is a display string. */
export const WorkflowEventSchema = z.object({
  key: z.string(),
  value: DisplayStringSchema.nullish(),
});
export type WorkflowEvent = z.infer<typeof WorkflowEventSchema>;

/** A message sent to a workflow (`get_workflow_notifications`); `created_at_epoch_ms` is a number. */
export const WorkflowNotificationSchema = z.object({
  topic: str,
  message: DisplayStringSchema.nullish(),
  created_at_epoch_ms: z.number(),
  consumed: z.boolean(),
});
export type WorkflowNotification = z.infer<typeof WorkflowNotificationSchema>;

/** A workflow stream (`get_workflow_streams`); each value is a display string. */
export const WorkflowStreamSchema = z.object({ key: z.string(), values: z.array(z.string()) });
export type WorkflowStream = z.infer<typeof WorkflowStreamSchema>;
