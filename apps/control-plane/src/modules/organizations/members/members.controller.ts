import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  ListMembersResponse,
  PaginationQuery,
  RemovedMember,
  UpdateMemberRequest,
  UpdateMemberResponse,
} from '@podium/protocol';
import { Context } from '../../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../../common/auth/request-context';
import { Route } from '../../../common/routes/route.decorator';
import { MembersService } from './members.service';
import { MEMBER_ROUTES as ROUTES } from './members.routes';

@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Route(ROUTES.listMembers)
  findMembers(
    @Context() ctx: RequestContext,
    @Query() page: PaginationQuery,
  ): Promise<ListMembersResponse> {
    return this.members.findMembers(orgScopeOf(ctx), page);
  }

  @Route(ROUTES.updateMemberRole)
  updateMemberRole(
    @Context() ctx: RequestContext,
    @Param() { userId }: { userId: string },
    @Body() body: UpdateMemberRequest,
  ): Promise<UpdateMemberResponse> {
    return this.members.updateMemberRole(orgScopeOf(ctx), userId, body.role);
  }

  @Route(ROUTES.grantRole)
  async grantRole(
    @Context() ctx: RequestContext,
    @Param() { userId, roleName }: { userId: string; roleName: string },
  ): Promise<void> {
    await this.members.updateMemberRole(orgScopeOf(ctx), userId, roleName);
  }

  /**
   * Any member may remove themselves; removing others needs `organization.write` (checked by
   * the service). What it revoked is in the audit entry and the key and join secret lists.
   */
  @Route(ROUTES.removeMember)
  removeMember(
    @Context() ctx: RequestContext,
    @Param() { userId }: { userId: string },
  ): Promise<RemovedMember> {
    return this.members.removeMember(orgScopeOf(ctx), userId);
  }
}
