import type { AuditLogEntry } from '@podium/protocol/rest';

/**
 * Reading an audit entry: which application it concerns (entries name it by id, in
 * `details.applicationId`; applications themselves are targets by name) and where its target
 * lives in the console. Pure, so every target type is tested.
 */
export type AppNames = ReadonlyMap<string, string>;

/** The name of the application the entry concerns; the id if it is gone; null if none. */
export function auditApplication(entry: AuditLogEntry, names: AppNames): string | null {
  if (entry.target.type === 'application') return entry.target.id;
  const id = entry.details.applicationId;
  if (typeof id !== 'string') return null;
  return names.get(id) ?? null;
}

/** The console page of the entry's target, or null when it has none (or it is gone). */
export function auditTargetHref(org: string, entry: AuditLogEntry, names: AppNames): string | null {
  const base = `/orgs/${encodeURIComponent(org)}`;
  const { type, id } = entry.target;
  const app = auditApplication(entry, names);
  const appBase = app ? `${base}/apps/${encodeURIComponent(app)}` : null;
  switch (type) {
    case 'organization':
      return base;
    case 'application':
      return entry.operation === 'application.delete' || !appBase ? null : appBase;
    case 'workflow':
      // Bulk actions are audited per workflow, so a workflow entry always names one.
      return appBase && id ? `${appBase}/workflows/${encodeURIComponent(id)}` : null;
    case 'executor':
      return appBase ? `${appBase}/executors` : null;
    case 'token':
    case 'api_key': // entries written before keys were DBOS's tokens
      return `${base}/keys`;
    case 'role':
    case 'member':
    case 'join_secret':
      return `${base}/members`;
    default:
      return null;
  }
}

/**
 * The details to show: application ids replaced by names (an id stays when its application is
 * gone), in a stable key order.
 */
export function readableDetails(
  details: AuditLogEntry['details'],
  names: AppNames,
): Record<string, unknown> {
  const { applicationId, ...rest } = details;
  const readable: Record<string, unknown> = {};
  if (typeof applicationId === 'string') {
    readable.application = names.get(applicationId) ?? `${applicationId} (deleted)`;
  }
  for (const key of Object.keys(rest).sort()) readable[key] = rest[key];
  return readable;
}
