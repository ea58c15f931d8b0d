import {
  ListAuditLogsResponseSchema,
  type AuditLogEntry,
  type ListPage,
} from '@podium/protocol/rest';
import { getPage, type RequestOptions } from '../../lib/api-client';
import { orgPath } from '../organizations/api';

export interface AuditFilters {
  action: string;
  outcome: '' | 'SUCCESS' | 'FAILURE';
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
  if (filters.action) query.set('action', filters.action);
  if (filters.outcome) query.set('outcome', filters.outcome);
  return getPage(`${orgPath(org)}/audit-logs?${query}`, ListAuditLogsResponseSchema, options);
}
