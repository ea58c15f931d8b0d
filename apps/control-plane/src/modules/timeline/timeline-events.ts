import type { TimelineEvent } from '@podium/protocol';
import type {
  AlertEventRow,
  AuditRow,
  ExecutorMoment,
  ExecutorMomentRow,
  VersionRow,
} from './timeline.repository';

/** Maps the timeline's rows to events. `appName` names an application by id (null: unknown). */
type AppName = (applicationId: string) => string | null;

export function mapAlertEvent(row: AlertEventRow, appName: AppName): TimelineEvent {
  const fired = row.event === 'FIRING';
  const held = fired && !row.notified ? ' (not notified: within the minimum interval)' : '';
  return {
    at: row.at.toISOString(),
    kind: fired ? 'alert.fired' : 'alert.resolved',
    application: appName(row.applicationId),
    summary: `${row.ruleType} ${fired ? 'fired' : 'resolved'}${held}: ${row.message}`,
    target: { type: 'alert_rule', id: row.ruleId ?? row.id },
    details: { ruleType: row.ruleType, message: row.message, notified: row.notified },
  };
}

const MOMENT_VERBS: Record<ExecutorMoment, (row: ExecutorMomentRow) => string> = {
  'executor.connected': () => 'connected',
  'executor.disconnected': (row) => (row.stopped ? 'stopped' : 'lost its link'),
  'executor.dead': () => 'was declared dead (grace period over)',
  'executor.recovered': () => 'had its workflows recovered',
};

export function mapExecutorMoment(row: ExecutorMomentRow, appName: AppName): TimelineEvent {
  const host = row.hostname ? ` on ${row.hostname}` : '';
  return {
    at: row.at.toISOString(),
    kind: row.kind,
    application: appName(row.applicationId),
    summary: `Executor ${row.executorId}${host} (version ${row.applicationVersion}) ${MOMENT_VERBS[row.kind](row)}`,
    target: { type: 'executor', id: row.executorId },
    details: {
      executorId: row.executorId,
      applicationVersion: row.applicationVersion,
      hostname: row.hostname,
      ...(row.kind === 'executor.disconnected' && { stopped: row.stopped }),
    },
  };
}

export function mapVersion(row: VersionRow, appName: AppName): TimelineEvent {
  return {
    at: row.at.toISOString(),
    kind: 'version.appeared',
    application: appName(row.applicationId),
    summary: `Version ${row.applicationVersion} appeared (first executor ${row.executorId})`,
    target: { type: 'version', id: row.applicationVersion },
    details: { applicationVersion: row.applicationVersion, firstExecutorId: row.executorId },
  };
}

/** Which application an audit entry is about, as its details or its target name it. */
function applicationOfAudit(row: AuditRow, appName: AppName): string | null {
  const { applicationId, applicationName } = row.details;
  if (typeof applicationId === 'string') return appName(applicationId);
  if (typeof applicationName === 'string') return applicationName;
  return row.targetType === 'application' ? row.targetId : null;
}

export function mapAuditEntry(row: AuditRow, appName: AppName): TimelineEvent {
  const actor = row.actorUserId
    ? { type: 'user', id: row.actorUserId, name: row.actorName }
    : row.actorApiKeyId
      ? { type: 'api_key', id: row.actorApiKeyId, name: row.actorName }
      : null;
  const by = actor
    ? (actor.name ?? `a deleted ${actor.type.replace('_', ' ')}`)
    : 'the control plane';
  const failed = row.outcome === 'FAILURE' ? ' — failed' : '';
  const on = row.targetId ? ` ${row.targetType} ${row.targetId}` : '';
  return {
    at: row.at.toISOString(),
    kind: 'audit',
    application: applicationOfAudit(row, appName),
    summary: `${row.action}${on} by ${by}${failed}`,
    target: { type: 'audit_entry', id: row.id },
    details: {
      action: row.action,
      outcome: row.outcome,
      actor,
      auditTarget: { type: row.targetType, id: row.targetId },
      ...row.details,
    },
  };
}
