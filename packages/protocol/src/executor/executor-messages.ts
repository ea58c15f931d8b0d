import { z } from 'zod';
import { GetStepAggregatesBodySchema, GetWorkflowAggregatesBodySchema } from './aggregate-bodies';
import { RetentionBodySchema } from './bodies';
import { ExecutorLanguageSchema, WireTimestampSchema } from './common';
import { defineMessage, successResponse } from './message';
import {
  ApplicationVersionOutputSchema,
  MetricDataSchema,
  StepAggregateOutputSchema,
  WorkflowAggregateOutputSchema,
} from './records';

/** Executor identity, recovery, maintenance, metrics and aggregates. */

/**
 * Bounds on what an executor says of itself: it is stored, sent to every live stream and
 * across replicas, and listed. Far above what any SDK sends (ids and versions are tens of
 * characters, metadata a few tags).
 */
export const EXECUTOR_IDENTITY_MAX_CHARS = 1_024;
export const EXECUTOR_METADATA_MAX_CHARS = 64 * 1024;

const identityString = () => z.string().max(EXECUTOR_IDENTITY_MAX_CHARS);

/** The length of `executor_metadata` as JSON. */
export function executorMetadataChars(metadata: Record<string, unknown>): number {
  return JSON.stringify(metadata).length;
}

/** First request of every session. The executor's identity; `executor_id` is new on each launch. */
export const ExecutorInfoMessage = defineMessage(
  'executor_info',
  {},
  {
    executor_id: identityString(),
    application_version: identityString(),
    /** Go omits it when it cannot get one. */
    hostname: identityString().nullish(),
    /**
     * `typescript`, `python`, `go` or `java`. Like `dbos_version`, sent since late 2025 (TS 4.5,
     * Python 2.6, Go 0.9): an older executor leaves both out.
     */
    language: ExecutorLanguageSchema.nullish(),
    /** SDK package version, e.g. `5.2.11`; Python may say `unknown`. */
    dbos_version: identityString().nullish(),
    /** User-defined JSON tags. */
    executor_metadata: z
      .record(z.string(), z.unknown())
      .refine(
        (metadata) => executorMetadataChars(metadata) <= EXECUTOR_METADATA_MAX_CHARS,
        `at most ${EXECUTOR_METADATA_MAX_CHARS} characters of JSON`,
      )
      .nullish(),
  },
);

/**
 * Re-enqueues PENDING workflows of dead executors whose version equals the receiver's own.
 * `success: true` does not mean anything was recovered: confirm with `exist_pending_workflows`.
 */
export const RecoveryMessage = defineMessage(
  'recovery',
  { executor_ids: z.array(z.string()) },
  successResponse,
);

/** Whether that executor still owns PENDING workflows of that version. Any executor can answer. */
export const ExistPendingWorkflowsMessage = defineMessage(
  'exist_pending_workflows',
  { executor_id: z.string(), application_version: z.string() },
  { exist: z.boolean().nullish() },
);

/** Garbage collection and timeouts. TS ≥ 5.0 answers `success: true` at once and runs it later. */
export const RetentionMessage = defineMessage(
  'retention',
  { body: RetentionBodySchema.nullish() },
  successResponse,
);

/** Counts in a window; only `metric_class: "workflow_step_count"` is supported. */
export const GetMetricsMessage = defineMessage(
  'get_metrics',
  {
    start_time: WireTimestampSchema,
    end_time: WireTimestampSchema,
    metric_class: z.string(),
    application_name: z.array(z.string()).nullish(),
  },
  { metrics: z.array(MetricDataSchema).nullish() },
);

/** Calls the app's alert handler; `success` is false when the handler threw. */
export const AlertMessage = defineMessage(
  'alert',
  { name: z.string(), message: z.string(), metadata: z.record(z.string(), z.string()) },
  successResponse,
);

export const GetWorkflowAggregatesMessage = defineMessage(
  'get_workflow_aggregates',
  { body: GetWorkflowAggregatesBodySchema.nullish() },
  { output: z.array(WorkflowAggregateOutputSchema).nullish() },
);

export const GetStepAggregatesMessage = defineMessage(
  'get_step_aggregates',
  { body: GetStepAggregatesBodySchema.nullish() },
  { output: z.array(StepAggregateOutputSchema).nullish() },
);

export const ListApplicationVersionsMessage = defineMessage(
  'list_application_versions',
  {},
  {
    output: z.array(ApplicationVersionOutputSchema).nullish(),
  },
);

/** Makes a version "latest" by setting its timestamp to now. */
export const SetLatestApplicationVersionMessage = defineMessage(
  'set_latest_application_version',
  { version_name: z.string() },
  successResponse,
);

export const EXECUTOR_MESSAGES = [
  ExecutorInfoMessage,
  RecoveryMessage,
  ExistPendingWorkflowsMessage,
  RetentionMessage,
  GetMetricsMessage,
  AlertMessage,
  GetWorkflowAggregatesMessage,
  GetStepAggregatesMessage,
  ListApplicationVersionsMessage,
  SetLatestApplicationVersionMessage,
] as const;
