/** Public data types: workflow statuses, listings and per-call options. */
import { WORKFLOW_STATUSES, type WorkflowStatus as ProtocolWorkflowStatus } from '@podium/protocol';
import type { SerializedError } from './internal/serialization';

export type { SerializedError };

/**
 * Workflow statuses are the executor protocol's (one list for the SDK, the control plane and
 * the console): `PENDING`, `SUCCESS`, `ERROR`, `MAX_RECOVERY_ATTEMPTS_EXCEEDED`, `CANCELLED`,
 * `ENQUEUED`, `DELAYED`.
 */
export { WORKFLOW_STATUSES };
export type WorkflowStatusType = ProtocolWorkflowStatus;

/**
 * Statuses a workflow never leaves on its own. `resume` moves CANCELLED and
 * MAX_RECOVERY_ATTEMPTS_EXCEEDED workflows back to ENQUEUED; `fork` copies any workflow.
 */
export const TERMINAL_STATUSES: ReadonlySet<WorkflowStatusType> = new Set([
  'SUCCESS',
  'ERROR',
  'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
  'CANCELLED',
]);

/** One workflow's stored state. Times are epoch milliseconds. */
export interface WorkflowStatus {
  workflowId: string;
  workflowName: string;
  status: WorkflowStatusType;
  /** Arguments, when loaded (`loadInput`). */
  input?: unknown[];
  /** Return value, when loaded (`loadOutput`) and the workflow succeeded. */
  output?: unknown;
  /** The error, when loaded (`loadOutput`) and the workflow failed. */
  error?: SerializedError;
  executorId: string | null;
  applicationVersion: string | null;
  applicationName: string;
  queueName: string | null;
  authenticatedUser: string | null;
  parentWorkflowId: string | null;
  forkedFrom: string | null;
  /** Whether some workflow was forked from this one (DBOS `WasForkedFrom`). */
  wasForkedFrom: boolean;
  /** Deduplication id given at enqueue; cleared once the workflow finishes or is cancelled. */
  deduplicationId: string | null;
  /** The schedule whose tick (or trigger, or backfill) started it. */
  scheduleName: string | null;
  /** Partition of a partitioned queue the workflow was enqueued in. */
  queuePartitionKey: string | null;
  /** A delayed start: the workflow stays `DELAYED` until this time (epoch ms). */
  delayUntilEpochMs: number | null;
  priority: number;
  timeoutMs: number | null;
  deadlineEpochMs: number | null;
  recoveryAttempts: number;
  createdAt: number;
  updatedAt: number;
  /** When execution (last) started or the workflow was dequeued. */
  startedAt: number | null;
  completedAt: number | null;
}

/** One checkpointed step (or sleep, or child-workflow start). Times are epoch milliseconds. */
export interface StepInfo {
  /** Position of the step in the workflow, counting from 0. */
  functionId: number;
  functionName: string;
  /** The recorded return value (`loadOutput`). */
  output?: unknown;
  error: SerializedError | null;
  childWorkflowId: string | null;
  startedAt: number | null;
  completedAt: number;
}

/** Filters of `listWorkflows`. All are optional and combine with AND. */
export interface ListWorkflowsFilter {
  workflowIds?: string[];
  status?: WorkflowStatusType | WorkflowStatusType[];
  workflowName?: string | string[];
  /** Only workflows whose id starts with this prefix (or one of these prefixes). */
  workflowIdPrefix?: string | string[];
  executorId?: string | string[];
  applicationVersion?: string | string[];
  queueName?: string | string[];
  parentWorkflowId?: string | string[];
  forkedFrom?: string | string[];
  authenticatedUser?: string | string[];
  /** Only workflows started by this schedule (or one of these). */
  scheduleName?: string | string[];
  /** Created at or after this time. */
  startTime?: Date | number;
  /** Created at or before this time. */
  endTime?: Date | number;
  /** Completed at or after this time. */
  completedAfter?: Date | number;
  /** Completed at or before this time. */
  completedBefore?: Date | number;
  /** Started (or dequeued) at or after this time. */
  startedAfter?: Date | number;
  /** Started (or dequeued) at or before this time. */
  startedBefore?: Date | number;
  /**
   * Dequeued from a queue at or after this time (DBOS's `dequeued_after`): only workflows
   * running or run from a queue, by their last dequeue.
   */
  dequeuedAfter?: Date | number;
  /** Dequeued from a queue at or before this time (DBOS's `dequeued_before`). */
  dequeuedBefore?: Date | number;
  /**
   * Only workflows that were forked, i.e. the source of at least one fork (true), or only
   * workflows never forked (false). As DBOS's `was_forked_from`; to find forks, use `forkedFrom`.
   */
  wasForkedFrom?: boolean;
  /** Only child workflows (true) or only top-level ones (false). */
  hasParent?: boolean;
  /** Only workflows on a queue that are ENQUEUED, PENDING or DELAYED. */
  queuesOnly?: boolean;
  limit?: number;
  offset?: number;
  /**
   * Newest first.
   * @default false
   */
  sortDesc?: boolean;
  /**
   * Load and deserialise inputs.
   * @default true
   */
  loadInput?: boolean;
  /**
   * Load and deserialise outputs and errors.
   * @default true
   */
  loadOutput?: boolean;
}

/** Options of `listSteps`. */
export interface ListStepsOptions {
  /**
   * Load and deserialise step outputs.
   * @default true
   */
  loadOutput?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * A delayed start: until it ends the workflow is `DELAYED`, then `ENQUEUED` and dequeued as
 * usual. The end is stored, so it survives restarts. Give one of the two fields.
 */
export interface DelayOptions {
  /**
   * Delay in milliseconds from now (DBOS's `delaySeconds`, in milliseconds).
   * @default no delay
   */
  delayMs?: number;
  /**
   * End of the delay, a `Date` or epoch milliseconds (DBOS's `delayUntilEpochMS`); a time
   * already past ends it at once.
   * @default no delay
   */
  delayUntil?: Date | number;
}

/**
 * Options when starting a workflow. `delayMs` / `delayUntil` (a delayed start, see
 * `DelayOptions`) apply to a workflow started on a queue only.
 */
export interface StartOptions extends DelayOptions {
  /**
   * Idempotency key: starting an id that already exists returns a handle to the existing
   * workflow instead of running it again.
   * @default a random UUID (for child workflows: `<parent id>-<step number>`)
   */
  workflowId?: string;
  /** Recorded as the workflow's authenticated user. */
  authenticatedUser?: string;
  /**
   * Enqueue on this queue (registered with `podium.queue`) instead of running at once; a
   * process serving the queue runs it when the queue's limits allow.
   */
  queueName?: string;
  /**
   * Order within the queue: lower numbers are dequeued first, then older workflows.
   * @default 0
   */
  priority?: number;
  /**
   * Deduplication id (DBOS's `deduplicationID`), with `queueName` only: while a workflow
   * enqueued on the same queue (in any partition) with the same id has not finished (it is
   * `DELAYED`, `ENQUEUED` or `PENDING`), the start is refused with `QueueDeduplicatedError`
   * and nothing is recorded. Once that workflow finishes or is cancelled (or is resumed, which
   * drops its id), the id is free again.
   * @default no deduplication
   */
  deduplicationId?: string;
  /**
   * Partition of a partitioned queue (DBOS's `queuePartitionKey`), with `queueName` only;
   * required on a queue with partition limits and refused on any other. The queue's
   * `partition*` limits apply to each partition separately.
   * @default none
   */
  queuePartitionKey?: string;
  /**
   * Cancel the workflow if it has not finished this many milliseconds after it started (for
   * queued workflows: after it was dequeued). The deadline is stored, so it survives
   * recovery; `resume` starts a fresh one. It is not passed on to child workflows.
   * @default no timeout
   */
  timeoutMs?: number;
}

/**
 * Limits of a queue. Without limits, every enqueued workflow starts as soon as it is polled.
 * Limits are enforced in the database against every process sharing it, each process applying
 * the limits it registered: give every process the same ones.
 */
export interface QueueOptions {
  /**
   * Maximum number of the queue's workflows running at once across all processes.
   * @default no limit
   */
  concurrency?: number;
  /**
   * Maximum number of the queue's workflows running at once in each executor.
   * @default no limit
   */
  workerConcurrency?: number;
  /**
   * Maximum number of the queue's workflows that may start (be dequeued) within any sliding
   * window of `periodSec` seconds, across all processes (DBOS's `rateLimit`). Workflows held
   * back stay ENQUEUED and start as soon as the window allows. Combines with the concurrency
   * limits: a workflow starts only when every limit allows it.
   * @default no rate limit
   */
  rateLimit?: QueueRateLimit;
  /**
   * Maximum number of workflows of one partition running at once across all processes
   * (DBOS's `partitionConcurrency`). Setting any `partition*` limit makes the queue
   * partitioned: every start on it needs a `queuePartitionKey`, and each partition gets its
   * own limits, while `concurrency`, `workerConcurrency` and `rateLimit` still bound the
   * queue as a whole.
   * @default no limit per partition
   */
  partitionConcurrency?: number;
  /**
   * Maximum number of workflows of one partition running at once in each executor (DBOS's
   * `partitionWorkerConcurrency`).
   * @default no limit per partition
   */
  partitionWorkerConcurrency?: number;
  /**
   * Starts allowed per partition within any sliding window (DBOS's `partitionRateLimit`).
   * @default no rate limit per partition
   */
  partitionRateLimit?: QueueRateLimit;
}

/** A queue is partitioned when it has a limit per partition (as in DBOS 5). Internal. */
export function isPartitioned(limits: QueueOptions): boolean {
  return (
    limits.partitionConcurrency !== undefined ||
    limits.partitionWorkerConcurrency !== undefined ||
    limits.partitionRateLimit !== undefined
  );
}

/** A queue's rate limit: at most `limitPerPeriod` starts in any `periodSec` seconds. */
export interface QueueRateLimit {
  /** Starts allowed per period; a positive integer. */
  limitPerPeriod: number;
  /** Length of the sliding window in seconds; a positive number (millisecond precision). */
  periodSec: number;
}

/** Retry policy of a step. With the defaults a step runs once and is not retried. */
export interface StepOptions {
  /**
   * Retries after the first attempt fails. The last error is recorded and rethrown once
   * retries are exhausted.
   * @default 0
   */
  retries?: number;
  /**
   * Delay before the first retry, in milliseconds.
   * @default 1000
   */
  initialDelayMs?: number;
  /**
   * Multiplier applied to the delay after every retry.
   * @default 2
   */
  backoffFactor?: number;
  /**
   * Upper bound of the delay between retries, in milliseconds.
   * @default 60000
   */
  maxDelayMs?: number;
}

/** Options of `fork`. */
export interface ForkOptions {
  /**
   * Id of the new workflow.
   * @default a random UUID
   */
  newWorkflowId?: string;
  /**
   * Application version the fork runs under (only executors of that version pick it up).
   * @default the original workflow's version
   */
  applicationVersion?: string;
  /**
   * Queue the fork is enqueued on (it must be registered with `podium.queue`).
   * @default an internal queue without limits
   */
  queueName?: string;
  /**
   * Partition the fork is enqueued in, when `queueName` is a partitioned queue.
   * @default none
   */
  queuePartitionKey?: string;
}

/** Options of `cancelWorkflow`. */
export interface CancelOptions {
  /**
   * Also cancel every descendant (children, their children, ...) that is still active.
   * @default false
   */
  cancelChildren?: boolean;
}

/** Options of `resumeWorkflow`. */
export interface ResumeOptions {
  /**
   * Queue the resumed workflow is enqueued on (it must be registered with `podium.queue`);
   * its limits then apply.
   * @default an internal queue without limits (not the workflow's own queue), as DBOS
   */
  queueName?: string;
}

/** Options of `readStream`. */
export interface ReadStreamOptions {
  /**
   * Offset of the first value to read: 0 is the stream's first value. Resume a read with the
   * number of values already read.
   * @default 0
   */
  offset?: number;
  /**
   * Fail with `StreamTimeoutError` if no value (nor the end) arrives within this many
   * milliseconds; the clock restarts after every value.
   * @default no timeout
   */
  timeoutMs?: number;
}

/** Options of `rewindWorkflow` (DBOS `rewindWorkflow`). */
export interface RewindOptions {
  /**
   * First step to drop: the workflow re-executes from it, replaying the steps before.
   * @default 0 (the whole history)
   */
  startStep?: number;
  /**
   * Application version to restamp the workflow with (only executors of it pick it up).
   * @default its current version
   */
  applicationVersion?: string;
  /**
   * Queue the rewound workflow is enqueued on (it must be registered with `podium.queue`).
   * @default an internal queue without limits
   */
  queueName?: string;
}

/** Options of `exportWorkflow`. */
export interface ExportOptions {
  /**
   * Also export every descendant (children, their children, ...).
   * @default false
   */
  exportChildren?: boolean;
}
