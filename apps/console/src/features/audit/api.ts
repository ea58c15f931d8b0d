import {
  ListAuditLogsResponseSchema,
  type AuditStatus,
  type ListAuditLogsResponse,
} from '@podium/protocol/rest';
import { getJson, type RequestOptions } from '../../lib/api-client';
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
): Promise<ListAuditLogsResponse> {
  const query = new URLSearchParams({
    limit: String(filters.limit),
    offset: String(filters.offset),
  });
  if (filters.operation) query.set('operation', filters.operation);
  if (filters.subject) query.set('subject', filters.subject);
  if (filters.status) query.set('status', filters.status);
  return getJson(`${orgPath(org)}/audit-logs?${query}`, ListAuditLogsResponseSchema, options);
}
