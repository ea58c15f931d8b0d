import { Body, Controller, Query } from '@nestjs/common';
import type {
  CreateOrganizationRequest,
  Organization,
  PaginationQuery,
  UpdateOrganizationRequest,
  Paginated,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf, signedInUserOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { OrganizationsService } from './organizations.service';
import { ORGANIZATION_ROUTES as ROUTES } from './organizations.routes';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** Any signed-in user may create one, and becomes its owner. */
  @Route(ROUTES.createOrganization)
  createOrganization(
    @Context() ctx: RequestContext,
    @Body() body: CreateOrganizationRequest,
  ): Promise<Organization> {
    return this.organizations.createOrganization({ kind: 'user', ...signedInUserOf(ctx) }, body);
  }

  /** The caller's organizations, with their role in each. */
  @Route(ROUTES.listOrganizations)
  findOrganizations(
    @Context() ctx: RequestContext,
    @Query() page: PaginationQuery,
  ): Promise<Paginated<Organization>> {
    return this.organizations.findOrganizationsOfUser(signedInUserOf(ctx).userId, page);
  }

  @Route(ROUTES.getOrganization)
  getOrganization(@Context() ctx: RequestContext): Organization {
    return this.organizations.getOrganization(orgScopeOf(ctx));
  }

  @Route(ROUTES.updateOrganization)
  updateOrganization(
    @Context() ctx: RequestContext,
    @Body() body: UpdateOrganizationRequest,
  ): Promise<void> {
    return this.organizations.updateOrganization(orgScopeOf(ctx), body);
  }
}
