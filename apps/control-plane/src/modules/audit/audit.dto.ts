import type { AuditLogEntry, AuditSubject } from '@podium/protocol';
import type { AuditEventRecord } from './audit.repository';

/** An entry in DBOS Conductor's shape (`emitTime`, `operation`, `status`, `subject`, ...). */
export function mapAuditLogEntry(event: AuditEventRecord): AuditLogEntry {
  return {
    id: event.id,
    emitTime: event.createdAt.toISOString(),
    operation: event.action,
    status: event.outcome === 'SUCCESS' ? 'success' : 'failure',
    subject: subjectOf(event),
    target: { type: event.targetType, id: event.targetId },
    sourceIp: event.sourceIp,
    details: event.details,
  };
}

function subjectOf(event: AuditEventRecord): AuditSubject | null {
  const display = event.subjectDisplay ?? '';
  if (event.actorUserId) return { type: 'user', id: event.actorUserId, display };
  if (event.actorApiKeyId) return { type: 'api_key', id: event.actorApiKeyId, display };
  return null;
}
