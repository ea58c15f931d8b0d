import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import {
  type ListMembersResponse,
  MemberParamsSchema,
  type PaginationQuery,
  PaginationQuerySchema,
  type UpdateMemberRequest,
  UpdateMemberRequestSchema,
  type UpdateMemberResponse,
} from '@podium/protocol';
import { AuditAs, Context, RequireAccess } from '../../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../../common/auth/request-context';
import { ZodValidationPipe } from '../../../common/validation/zod-validation.pipe';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../../audit/audit-actions';
import { MembersService } from './members.service';

const memberParams = new ZodValidationPipe(MemberParamsSchema);

@Controller('v2/orgs/:org/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequireAccess('read')
  findMembers(
    @Context() ctx: RequestContext,
    @Query(new ZodValidationPipe(PaginationQuerySchema)) page: PaginationQuery,
  ): Promise<ListMembersResponse> {
    return this.members.findMembers(orgScopeOf(ctx), page);
  }

  @Patch(':userId')
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.memberUpdateRole, AUDIT_TARGETS.member, 'userId')
  updateMemberRole(
    @Context() ctx: RequestContext,
    @Param(memberParams) { userId }: { userId: string },
    @Body(new ZodValidationPipe(UpdateMemberRequestSchema)) body: UpdateMemberRequest,
  ): Promise<UpdateMemberResponse> {
    return this.members.updateMemberRole(orgScopeOf(ctx), userId, body.role);
  }

  /**
   * Any member may remove themselves; removing others needs admin (checked by the service).
   * What it revoked is in the audit entry and the key and join secret lists; the answer is 204.
   */
  @Delete(':userId')
  @HttpCode(204)
  @RequireAccess('read')
  @AuditAs(AUDIT_ACTIONS.memberRemove, AUDIT_TARGETS.member, 'userId')
  async removeMember(
    @Context() ctx: RequestContext,
    @Param(memberParams) { userId }: { userId: string },
  ): Promise<void> {
    await this.members.removeMember(orgScopeOf(ctx), userId);
  }
}
