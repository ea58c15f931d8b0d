import { Controller, Query } from '@nestjs/common';
import type { ListAuditLogsQuery, AuditLogEntry, Paginated } from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { AuditService } from './audit.service';
import { AUDIT_LOG_ROUTES as ROUTES } from './audit-logs.routes';

@Controller()
export class AuditLogsController {
  constructor(private readonly audit: AuditService) {}

  /** Who did what to which target, when, and whether it worked; newest first. */
  @Route(ROUTES.listAuditLogs)
  findAuditLogs(
    @Context() ctx: RequestContext,
    @Query() query: ListAuditLogsQuery,
  ): Promise<Paginated<AuditLogEntry>> {
    return this.audit.findAuditLogs(orgScopeOf(ctx).organization.id, query);
  }
}
