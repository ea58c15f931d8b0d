import type { AuditLogEntry } from '@podium/protocol';
import type { AuditEventRecord } from './audit.repository';

export function mapAuditLogEntry(event: AuditEventRecord): AuditLogEntry {
  const actor = event.actorUserId
    ? { type: 'user' as const, id: event.actorUserId, name: event.actorName }
    : event.actorApiKeyId
      ? { type: 'api_key' as const, id: event.actorApiKeyId, name: event.actorName }
      : null;
  return {
    id: event.id,
    action: event.action,
    actor,
    target: { type: event.targetType, id: event.targetId },
    outcome: event.outcome,
    details: event.details,
    createdAt: event.createdAt.toISOString(),
  };
}
