import type { ExecutorFateEvent } from '../../infra/events/event-bus';
import type { ExecutorRecord } from './executors.repository';

/** The live event saying an executor was declared dead or was recovered. */
export function fateEvent(record: ExecutorRecord, deadAt: Date): ExecutorFateEvent {
  return {
    organizationId: record.organizationId,
    applicationId: record.applicationId,
    executorId: record.executorId,
    applicationVersion: record.applicationVersion,
    hostname: record.hostname,
    language: record.language,
    sdkVersion: record.sdkVersion,
    metadata: record.metadata,
    connectedAt: record.connectedAt,
    disconnectedAt: record.disconnectedAt,
    lastSeenAt: record.lastSeenAt,
    deadAt,
    recoveredAt: record.recoveredAt,
  };
}
