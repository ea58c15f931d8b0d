/**
 * The storage contract of streams and of a workflow's recorded history as a whole: what the
 * agent shows (events, messages, streams), export and import, and rewind. Implemented in SQL
 * by `SqlStreams` and `SqlHistory`, on PostgreSQL and PGlite alike.
 *
 * Invariants:
 * - A stream value and the checkpoint of the step that wrote it are written in one
 *   transaction: a replayed workflow never writes a value twice. Offsets of a key are 0, 1,
 *   2, ... in write order; a stream ends at its close marker (stored as DBOS stores it).
 * - An import is all or nothing, and never overwrites an existing workflow.
 * - A rewind changes nothing unless the workflow exists and is not active.
 */
import type { WorkflowStatusType } from '../../types';
import type { NewStep, StepRecord, WorkflowRecord } from './storage';

/** The `serialization` tag of every value this SDK stores (internal/serialization's JSON). */
export const PODIUM_JSON = 'podium_json';

/** A stream's close marker, stored exactly as DBOS stores it (its portable JSON). */
export const STREAM_CLOSED = { value: '"__DBOS_STREAM_CLOSED__"', serialization: 'portable_json' };

/** Whether a stored stream value is the close marker. */
export function isCloseMarker(row: { value: string; serialization: string }): boolean {
  return row.value === STREAM_CLOSED.value && row.serialization === STREAM_CLOSED.serialization;
}

/** One stored stream value (or close marker). */
export interface StreamRow {
  key: string;
  offset: number;
  value: string;
  serialization: string;
  functionId: number;
}

/** What a read from one offset on found. */
export interface StreamRead {
  /** The workflow's status, or null if it does not exist. */
  status: WorkflowStatusType | null;
  /** The stored values from the offset on, in order (at most the limit asked for). */
  rows: StreamRow[];
}

export interface StreamStorage {
  /**
   * Appends `value` (serialised; `STREAM_CLOSED` closes) to a stream at the next offset, and
   * records `step` atomically. Returns false, writing nothing, if the step was recorded already.
   * Every process watching (`watch`) is told once the value is committed.
   */
  writeStream(
    entry: { workflowId: string; key: string; value: string; serialization: string },
    step: NewStep,
  ): Promise<boolean>;
  /** Up to `limit` rows of a stream from `offset` on, with the workflow's status. */
  readStream(workflowId: string, key: string, offset: number, limit: number): Promise<StreamRead>;
  /** Every stream of a workflow: its values in order, up to the close marker. */
  listStreams(workflowId: string): Promise<{ key: string; values: string[] }[]>;
  /** Calls `onWrite` for every stream value committed by any process; returns the unwatch. */
  watch(onWrite: (workflowId: string, key: string) => void): Promise<() => Promise<void>>;
}

/** A message sent to a workflow, as stored. */
export interface NotificationRow {
  messageId: string;
  topic: string | null;
  message: string;
  createdAt: number;
  consumed: boolean;
  /** The recv step that consumed it (null if none, or consumed before this was recorded). */
  consumedByFunctionId: number | null;
}

/** Everything stored about one workflow: what an export carries. */
export interface WorkflowHistory {
  workflow: WorkflowRecord;
  steps: StepRecord[];
  /** The current value of each event. */
  events: { key: string; value: string }[];
  /** Every value each setEvent step wrote. */
  eventHistory: { functionId: number; key: string; value: string }[];
  streams: StreamRow[];
  notifications: NotificationRow[];
}

/** Where a rewound workflow goes: DBOS `rewindWorkflow` options. */
export interface RewindRequest {
  workflowId: string;
  startStep: number;
  queueName: string;
  applicationVersion: string | undefined;
}

export type RewindResult =
  | { outcome: 'missing' }
  | { outcome: 'active'; status: WorkflowStatusType }
  | { outcome: 'rewound'; generation: number };

/** Thrown by `importWorkflows` when a workflow of the import exists already. */
export class WorkflowExists extends Error {
  constructor(readonly workflowId: string) {
    super(`workflow ${workflowId} already exists`);
  }
}

export interface HistoryStorage {
  /** A workflow's events (current values), by key. */
  listEvents(workflowId: string): Promise<{ key: string; value: string }[]>;
  /** The messages sent to a workflow, consumed or not, oldest first. */
  listNotifications(workflowId: string): Promise<NotificationRow[]>;
  /** The histories of the given workflows that exist, in the order given. */
  exportWorkflows(workflowIds: string[]): Promise<WorkflowHistory[]>;
  /** Inserts the histories in one transaction; `WorkflowExists` if any id is taken. */
  importWorkflows(histories: WorkflowHistory[]): Promise<void>;
  /**
   * DBOS `rewindWorkflow`, in one transaction: drops the steps from `startStep` on, rolls
   * events back to the last value set before it, deletes the messages consumed from it on and
   * the unconsumed ones, removes the close markers written from it on (values stay), and
   * re-enqueues the workflow under the same id, without output, error, deadline or recovery
   * attempts.
   */
  rewindWorkflow(request: RewindRequest): Promise<RewindResult>;
}
