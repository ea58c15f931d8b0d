import type { Executor, ExecutorStatus } from '@podium/protocol';

/**
 * An executor as the rest of the control plane sees it: who it is (what it said in
 * `executor_info`) and where its lifecycle stands. The one shape of executor records
 * (ExecutorRecord adds the row id), of the `executor.*` events on the EventBus, and of what
 * ExecutorsService lists; `mapExecutor` is its one mapper to the REST executor.
 */
export interface ExecutorSnapshot {
  readonly organizationId: string;
  readonly applicationId: string;
  /** The executor's own id (a new one per process). */
  readonly executorId: string;
  readonly applicationVersion: string;
  readonly hostname: string | null;
  readonly language: string | null;
  readonly sdkVersion: string | null;
  /** As the executor reported it; shown only when it is an object. */
  readonly metadata: unknown;
  /** As recorded (Podium's table); `restStatus` gives DBOS's name. */
  readonly status: RecordedExecutorStatus;
  /** Its first connection (when its record was created). */
  readonly createdAt: Date;
  readonly connectedAt: Date;
  readonly disconnectedAt: Date | null;
  readonly lastSeenAt: Date;
  /** Set when it was declared DEAD. */
  readonly deadAt: Date | null;
  /** Set once its recovery was confirmed (it stays DEAD). */
  readonly recoveredAt: Date | null;
  /** Its last link was closed by the executor itself, normally: it stopped on purpose. */
  readonly stopped: boolean;
}

/** An executor's status as the `executors` table records it (CONNECTED while a link is open). */
export type RecordedExecutorStatus = 'CONNECTED' | 'DISCONNECTED' | 'DEAD';

/** DBOS Conductor names a linked executor HEALTHY; the other recorded states share its names. */
const DBOS_EXECUTOR_STATUS = {
  CONNECTED: 'HEALTHY',
  DISCONNECTED: 'DISCONNECTED',
  DEAD: 'DEAD',
} as const satisfies Record<RecordedExecutorStatus, ExecutorStatus>;

/**
 * A recorded status in DBOS Conductor's names: the one mapping of every status served over HTTP
 * (the REST executor, its `?status=` filter, `/v1/metrics`).
 */
export function restStatus(recorded: RecordedExecutorStatus): ExecutorStatus {
  return DBOS_EXECUTOR_STATUS[recorded];
}

/**
 * In DBOS Conductor's names; `hostId` (a DBOS Cloud VM) is always null here, `updatedAt` is its
 * latest lifecycle change or sign of life. `stopped` and the lifecycle times are Podium's.
 */
export function mapExecutor(snapshot: ExecutorSnapshot): Executor {
  const updatedAt = Math.max(changedAt(snapshot).getTime(), snapshot.lastSeenAt.getTime());
  return {
    executorId: snapshot.executorId,
    appId: snapshot.applicationId,
    appVersion: snapshot.applicationVersion,
    hostname: snapshot.hostname,
    hostId: null,
    language: snapshot.language,
    dbosVersion: snapshot.sdkVersion,
    executorMetadata: asObject(snapshot.metadata),
    status: restStatus(snapshot.status),
    // Stopped until it connects again.
    stopped: snapshot.stopped && snapshot.status !== 'CONNECTED',
    createdAt: snapshot.createdAt.toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    connectedAt: snapshot.connectedAt.toISOString(),
    disconnectedAt: snapshot.disconnectedAt?.toISOString() ?? null,
    lastSeenAt: snapshot.lastSeenAt.toISOString(),
    deadAt: snapshot.deadAt?.toISOString() ?? null,
    recoveredAt: snapshot.recoveredAt?.toISOString() ?? null,
  };
}

/** When its latest lifecycle change happened (connected, disconnected, dead, recovered). */
export function changedAt(snapshot: ExecutorSnapshot): Date {
  return snapshot.recoveredAt ?? snapshot.deadAt ?? snapshot.disconnectedAt ?? snapshot.connectedAt;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
