import { Controller, Get, Query } from '@nestjs/common';
import {
  type ListAuditLogsQuery,
  ListAuditLogsQuerySchema,
  type ListAuditLogsResponse,
} from '@podium/protocol';
import { Context, RequireAccess } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AuditService } from './audit.service';

@Controller('v2/orgs/:org/audit-logs')
export class AuditLogsController {
  constructor(private readonly audit: AuditService) {}

  /** Who did what to which target, when, and whether it worked; newest first. */
  @Get()
  @RequireAccess('admin')
  findAuditLogs(
    @Context() ctx: RequestContext,
    @Query(new ZodValidationPipe(ListAuditLogsQuerySchema)) query: ListAuditLogsQuery,
  ): Promise<ListAuditLogsResponse> {
    return this.audit.findAuditLogs(orgScopeOf(ctx).organization.id, query);
  }
}
