import { ListAuditLogsQuerySchema, ListAuditLogsResponseSchema } from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

/** The audit log (see AuditLogsController). */
export const AUDIT_LOG_ROUTES: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/v2/orgs/{org}/audit-logs',
    operationId: 'listAuditLogs',
    summary: 'Who did what to which target, when, and whether it worked; newest first',
    tag: 'Audit log',
    access: 'admin',
    query: ListAuditLogsQuerySchema,
    response: ListAuditLogsResponseSchema,
  },
];
