/**
 * The storage contract of the engine. One interface, implemented once in SQL (`SqlStorage`)
 * over two drivers: PostgreSQL (`pg`) and PGlite. Values are stored as serialised text
 * (see internal/serialization); records carry that text unparsed.
 *
 * Clocks: workflow timestamps come from the database clock, so processes agree on their
 * order; step timestamps come from the executor's clock, like the step's own start time.
 *
 * Invariants the implementations guarantee:
 * - `insertWorkflow` is idempotent on the workflow id (the database is the arbiter).
 * - `recordStep` keeps the first outcome written for a (workflow, step) pair.
 * - Every claim of a workflow for execution increments its `generation`; `finishWorkflow` only
 *   succeeds for the generation that is still current and PENDING, so a superseded or
 *   cancelled execution can never overwrite a newer state.
 */
import type { HistoryStorage, StreamStorage } from './history-storage';
import type { ScheduleStorage, VersionStorage } from './schedule-storage';
import type {
  ListStepsOptions,
  ListWorkflowsFilter,
  QueueOptions,
  WorkflowStatus,
  WorkflowStatusType,
} from '../../types';
import type { AggregateStorage } from './aggregates';

/**
 * A workflow_status row: the public status with its payloads still serialised.
 * (`wasForkedFrom` is only read by `getWorkflow` and `listWorkflows`; false elsewhere.)
 */
export type WorkflowRecord = Omit<WorkflowStatus, 'workflowName' | 'input' | 'output' | 'error'> & {
  name: string;
  input: string | null;
  output: string | null;
  error: string | null;
  /** Goes up on every claim; a run whose generation is stale may not write. */
  generation: number;
};

export interface NewWorkflow {
  workflowId: string;
  name: string;
  /** PENDING runs here at once; ENQUEUED waits for a dequeue; DELAYED for `delayUntilEpochMs`. */
  status: 'PENDING' | 'ENQUEUED' | 'DELAYED';
  input: string;
  executorId: string | null;
  applicationVersion: string;
  applicationName: string;
  queueName: string | null;
  authenticatedUser: string | null;
  parentWorkflowId: string | null;
  priority: number;
  /** Started workflows get their deadline now; enqueued ones when they are dequeued. */
  timeoutMs: number | null;
  /** Unique per queue among unfinished workflows (`DeduplicationConflict` otherwise). */
  deduplicationId: string | null;
  queuePartitionKey: string | null;
  /** Set with status DELAYED: when it becomes ENQUEUED (epoch ms). */
  delayUntilEpochMs: number | null;
}

/**
 * Thrown by `insertWorkflow` when an unfinished workflow of the same queue holds the
 * deduplication id; nothing was inserted.
 */
export class DeduplicationConflict extends Error {
  constructor(
    readonly queueName: string,
    readonly deduplicationId: string,
    /** The holder, or null if it let go of the id before it could be looked up. */
    readonly holderWorkflowId: string | null,
  ) {
    super(`deduplication id ${deduplicationId} is held on queue ${queueName}`);
  }
}

/** A queue to dequeue from, with its limits (absent: unlimited). */
export interface QueueLimits extends QueueOptions {
  name: string;
}

/** What moving due DELAYED workflows to their queues found. */
export interface DelayedPromotion {
  /** How many became ENQUEUED. */
  promoted: number;
  /** Milliseconds (database clock) until the next DELAYED one is due; null if none waits. */
  nextDueInMs: number | null;
}

/** What one dequeue claimed. */
export interface ClaimResult {
  /** The claimed workflows, now PENDING on this executor, oldest first. */
  records: WorkflowRecord[];
  /**
   * Set when the queue's rate limit holds workflows back: milliseconds (database clock) until
   * its window has room again. Null when the rate limit did not stop this claim.
   */
  nextSlotInMs: number | null;
}

export interface StepRecord {
  workflowId: string;
  functionId: number;
  functionName: string;
  output: string | null;
  error: string | null;
  childWorkflowId: string | null;
  startedAt: number | null;
  completedAt: number;
}

export type NewStep = Omit<StepRecord, 'completedAt'>;

export type WorkflowOutcome =
  { status: 'SUCCESS'; output: string } | { status: 'ERROR'; error: string };

/** Scope of recovery and dequeueing: only this application's workflows of this version. */
export interface ExecutorScope {
  executorId: string;
  applicationVersion: string;
  applicationName: string;
}

export interface ForkRequest {
  workflowId: string;
  newWorkflowId: string;
  startStep: number;
  applicationVersion: string | undefined;
  queueName: string;
  queuePartitionKey: string | null;
}

/** What `resumeWorkflows` did: nothing if some ids were missing, else what it re-enqueued. */
export interface ResumeResult {
  /** Ids that do not exist (then nothing was resumed). */
  missing: string[];
  /** The re-enqueued workflows, with their generation at that moment. */
  resumed: { workflowId: string; generation: number }[];
}

export interface NewMessage {
  messageId: string;
  destinationId: string;
  topic: string | null;
  message: string;
}

/** Messages (send/recv) and events (set/get). Steps passed in are written atomically with them. */
export interface MessageStorage {
  /**
   * Stores a message once per `messageId`. With `step`, the step checkpoint is written in the
   * same transaction, and a recorded step means the message was sent already. Fails with
   * `DestinationNotFound` if the destination workflow does not exist.
   */
  sendMessage(message: NewMessage, step: NewStep | null): Promise<void>;
  /**
   * Atomically consumes the oldest unconsumed message for (workflow, topic) and records it as
   * the output of `step`. Returns the recorded step (possibly written earlier by another
   * execution), or null if no message is waiting.
   */
  receiveMessage(
    workflowId: string,
    topic: string | null,
    step: Omit<NewStep, 'output' | 'error'>,
  ): Promise<StepRecord | null>;
  /** Sets an event and records `step` atomically; a recorded step means it was set already. */
  setEvent(workflowId: string, key: string, value: string, step: NewStep): Promise<void>;
  getEvent(workflowId: string, key: string): Promise<string | null>;
}

/** Thrown by `sendMessage` when the destination workflow does not exist. */
export class DestinationNotFound extends Error {
  constructor(readonly destinationId: string) {
    super(`destination workflow ${destinationId} does not exist`);
  }
}

/** A count per workflow or step function name (`get_metrics`). */
export interface NameCount {
  name: string;
  count: number;
}

/**
 * Garbage collection of finished workflows (`retention`), by completion time as in DBOS 5:
 * workflows completed before the cutoff go; active ones (no `completed_at`) never do.
 */
export interface GarbageCollection {
  /** Delete workflows completed before this time (epoch ms). */
  cutoffEpochMs?: number;
  /**
   * Keep (at least) the newest N completed workflows: a cutoff at the N-th newest completion.
   * The later of the two cutoffs wins.
   */
  rowsThreshold?: number;
  /** Workflows deleted per statement (each its own transaction). */
  batchSize: number;
  /** Checked between batches: true stops the round (shutdown). */
  stopped: () => boolean;
}

/** Operator queries over one application's workflows: trees, retention and metrics. */
export interface AdminStorage {
  /** Ids of every descendant (children, grandchildren, ...) of a workflow. */
  findDescendants(workflowId: string): Promise<string[]>;
  /**
   * Deletes finished workflows in batches, holding the application's retention lock (across
   * processes); returns how many, or null if another round holds the lock.
   */
  garbageCollect(applicationName: string, request: GarbageCollection): Promise<number | null>;
  /**
   * Cancels active workflows created at or before `cutoffEpochMs` (they complete now and let
   * go of their deduplication ids); returns their ids.
   */
  cancelCreatedBefore(applicationName: string, cutoffEpochMs: number): Promise<string[]>;
  /** Workflows created, and steps completed, in [start, end), counted by name. */
  countByName(
    applicationName: string,
    startEpochMs: number,
    endEpochMs: number,
  ): Promise<{ workflows: NameCount[]; steps: NameCount[] }>;
}

export interface Storage extends MessageStorage {
  readonly admin: AdminStorage;
  readonly streams: StreamStorage;
  readonly history: HistoryStorage;
  readonly schedules: ScheduleStorage;
  readonly versions: VersionStorage;
  readonly aggregates: AggregateStorage;
  /** Creates the schema and applies pending migrations; safe to run concurrently. */
  migrate(): Promise<void>;
  /**
   * Inserts unless the id exists; returns the stored record either way. Throws
   * `DeduplicationConflict` if the deduplication id is held on the queue.
   */
  insertWorkflow(workflow: NewWorkflow): Promise<{ inserted: boolean; record: WorkflowRecord }>;
  getWorkflow(workflowId: string): Promise<WorkflowRecord | null>;
  listWorkflows(applicationName: string, filter: ListWorkflowsFilter): Promise<WorkflowRecord[]>;
  /** Writes the final outcome if `generation` is current and the workflow is PENDING. */
  finishWorkflow(
    workflowId: string,
    generation: number,
    outcome: WorkflowOutcome,
  ): Promise<boolean>;
  /** The workflow's status and generation, and the checkpoint of one step if recorded. */
  getStepState(
    workflowId: string,
    functionId: number,
  ): Promise<{ status: WorkflowStatusType; generation: number; step: StepRecord | null } | null>;
  /** Records a step outcome; if one exists already, keeps and returns the existing one. */
  recordStep(step: NewStep): Promise<StepRecord>;
  listSteps(workflowId: string, options: ListStepsOptions): Promise<StepRecord[]>;
  /** Moves the end of a DELAYED workflow's delay; returns its status (null: absent). */
  setDelay(workflowId: string, delayUntilEpochMs: number): Promise<WorkflowStatusType | null>;
  /** Cancels a PENDING/ENQUEUED/DELAYED workflow; returns the status afterwards (null: absent). */
  cancelWorkflow(workflowId: string): Promise<WorkflowStatusType | null>;
  /**
   * Cancels a workflow past its deadline if it is still the claim that set it: the same
   * generation and deadline (a resume clears the deadline, the next claim moves the generation
   * on, so an earlier execution's timer never cancels a later one). Returns whether it did.
   */
  expireWorkflow(workflowId: string, generation: number, deadlineEpochMs: number): Promise<boolean>;
  /**
   * Atomically re-enqueues on `queueName` every one of the workflows that is neither SUCCESS
   * nor ERROR (DBOS `resumeWorkflows`); changes nothing if any id does not exist.
   */
  resumeWorkflows(workflowIds: string[], queueName: string): Promise<ResumeResult>;
  /** Deletes a workflow (and, optionally, its descendants) with all its data; returns the ids. */
  deleteWorkflow(workflowId: string, deleteChildren: boolean): Promise<string[]>;
  /**
   * Creates an ENQUEUED copy with the checkpoints of steps before `startStep`, and what those
   * steps wrote: stream values and events (DBOS copies the same).
   */
  forkWorkflow(request: ForkRequest): Promise<WorkflowRecord>;
  /** Claims this executor's PENDING workflows for a restart (generation and attempts + 1). */
  claimForRecovery(scope: ExecutorScope): Promise<WorkflowRecord[]>;
  markRecoveryAttemptsExceeded(workflowId: string, generation: number): Promise<void>;
  /** Moves PENDING workflows of dead executors (same version and app) back to ENQUEUED. */
  requeuePending(
    executorIds: string[],
    scope: Omit<ExecutorScope, 'executorId'>,
    defaultQueue: string,
  ): Promise<number>;
  existPending(scope: ExecutorScope): Promise<boolean>;
  /**
   * Atomically moves up to `limit` ENQUEUED workflows of one queue to PENDING for this
   * executor, lowest priority number first, within the queue's limits (concurrency across
   * processes and per executor, and starts per sliding window).
   */
  claimEnqueued(
    scope: ExecutorScope,
    workflowNames: string[],
    queue: QueueLimits,
    limit: number,
  ): Promise<ClaimResult>;
  /** Moves this application's DELAYED workflows whose time has come to ENQUEUED. */
  promoteDelayed(applicationName: string): Promise<DelayedPromotion>;
  close(): Promise<void>;
}
