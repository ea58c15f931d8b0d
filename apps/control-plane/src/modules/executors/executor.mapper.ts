import type { Executor } from '@podium/protocol';
import type { ExecutorFateEvent, ExecutorLinkEvent } from '../../infra/events/event-bus';
import type { ExecutorRecord } from './executors.repository';

/** Executor records and events → the REST executor. */

export function mapExecutorRecord(record: ExecutorRecord, linkedHere: boolean): Executor {
  return {
    id: record.executorId,
    hostname: record.hostname,
    language: record.language,
    sdkVersion: record.sdkVersion,
    applicationVersion: record.applicationVersion,
    metadata: asObject(record.metadata),
    // A link this process holds is connected, whatever a racing write says.
    status: linkedHere ? 'CONNECTED' : record.status,
    connectedAt: record.connectedAt.toISOString(),
    disconnectedAt: linkedHere ? null : (record.disconnectedAt?.toISOString() ?? null),
    lastSeenAt: record.lastSeenAt.toISOString(),
    deadAt: linkedHere ? null : (record.deadAt?.toISOString() ?? null),
    recoveredAt: linkedHere ? null : (record.recoveredAt?.toISOString() ?? null),
  };
}

export function mapLinkEvent(event: ExecutorLinkEvent): Executor {
  const lastSeen = event.disconnectedAt ?? event.connectedAt;
  return {
    id: event.executorId,
    hostname: event.hostname,
    language: event.language,
    sdkVersion: event.sdkVersion,
    applicationVersion: event.applicationVersion,
    metadata: event.metadata,
    status: event.disconnectedAt ? 'DISCONNECTED' : 'CONNECTED',
    connectedAt: event.connectedAt.toISOString(),
    disconnectedAt: event.disconnectedAt?.toISOString() ?? null,
    lastSeenAt: lastSeen.toISOString(),
    deadAt: null,
    recoveredAt: null,
  };
}

/** A dead executor (declared dead, or its recovery confirmed): DEAD either way. */
export function mapFateEvent(event: ExecutorFateEvent): Executor {
  return {
    id: event.executorId,
    hostname: event.hostname,
    language: event.language,
    sdkVersion: event.sdkVersion,
    applicationVersion: event.applicationVersion,
    metadata: asObject(event.metadata),
    status: 'DEAD',
    connectedAt: event.connectedAt.toISOString(),
    disconnectedAt: event.disconnectedAt?.toISOString() ?? null,
    lastSeenAt: event.lastSeenAt.toISOString(),
    deadAt: event.deadAt.toISOString(),
    recoveredAt: event.recoveredAt?.toISOString() ?? null,
  };
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
