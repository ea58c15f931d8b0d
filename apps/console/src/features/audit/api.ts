import type { AuditLogEntry, AuditStatus, ListPage } from '@podium/protocol/rest';
import { getPage, type RequestOptions } from '../../lib/api-client';
import { orgPath } from '../organizations/api';

export interface AuditFilters {
  /** Exact operation, e.g. `workflow.cancel`. */
  operation: string;
  /** Who acted: an email, a key name, or an id. */
  subject: string;
  status: '' | AuditStatus;
  limit: number;
  offset: number;
}

/** `GET /v2/orgs/{org}/audit-logs`, newest first. */
export function fetchAuditLogs(
  org: string,
  filters: AuditFilters,
  options?: RequestOptions,
): Promise<ListPage<AuditLogEntry>> {
  const query = new URLSearchParams({
    limit: String(filters.limit),
    offset: String(filters.offset),
  });
  if (filters.operation) query.set('operation', filters.operation);
  if (filters.subject) query.set('subject', filters.subject);
  if (filters.status) query.set('status', filters.status);
  return getPage(`${orgPath(org)}/audit-logs?${query}`, 'ListAuditLogsResponseSchema', options);
}
