import { ListAuditLogsQuerySchema, ListAuditLogsResponseSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

/** The audit log (see AuditLogsController). */
export const AUDIT_LOG_ROUTES = routeTable({
  listAuditLogs: {
    method: 'get',
    path: '/v2/orgs/{org}/audit-logs',
    summary: 'Who did what to which target, when, and whether it worked; newest first',
    tag: 'Audit log',
    // DBOS: `organization.read`.
    access: 'read',
    query: ListAuditLogsQuerySchema,
    response: ListAuditLogsResponseSchema,
    paged: true,
  },
});
