import { Body, Controller, Param } from '@nestjs/common';
import type {
  CreateRoleRequest,
  CreateRoleResponse,
  ListPermissionsResponse,
  ListRolesResponse,
} from '@podium/protocol';
import { Context } from '../../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../../common/auth/request-context';
import { Route } from '../../../common/routes/route.decorator';
import { ROLE_ROUTES as ROUTES } from './roles.routes';
import { RolesService } from './roles.service';

@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Route(ROUTES.listPermissions)
  findPermissions(): ListPermissionsResponse {
    return this.roles.findPermissions();
  }

  @Route(ROUTES.listRoles)
  findRoles(@Context() ctx: RequestContext): Promise<ListRolesResponse> {
    return this.roles.findRoles(orgScopeOf(ctx));
  }

  @Route(ROUTES.createRole)
  createRole(
    @Context() ctx: RequestContext,
    @Body() body: CreateRoleRequest,
  ): Promise<CreateRoleResponse> {
    return this.roles.createRole(orgScopeOf(ctx), body);
  }

  @Route(ROUTES.deleteRole)
  deleteRole(
    @Context() ctx: RequestContext,
    @Param() { roleName }: { roleName: string },
  ): Promise<void> {
    return this.roles.deleteRole(orgScopeOf(ctx), roleName);
  }
}
