import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  type CreateOrganizationRequest,
  CreateOrganizationRequestSchema,
  type ListOrganizationsResponse,
  type Organization,
  type PaginationQuery,
  PaginationQuerySchema,
} from '@podium/protocol';
import { Context, RequireAccess } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf, signedInUserOf } from '../../common/auth/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { OrganizationsService } from './organizations.service';

@Controller('v2/orgs')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** Any signed-in user may create one, and becomes its owner. */
  @Post()
  createOrganization(
    @Context() ctx: RequestContext,
    @Body(new ZodValidationPipe(CreateOrganizationRequestSchema)) body: CreateOrganizationRequest,
  ): Promise<Organization> {
    return this.organizations.createOrganization({ kind: 'user', ...signedInUserOf(ctx) }, body);
  }

  /** The caller's organizations, with their role in each. */
  @Get()
  findOrganizations(
    @Context() ctx: RequestContext,
    @Query(new ZodValidationPipe(PaginationQuerySchema)) page: PaginationQuery,
  ): Promise<ListOrganizationsResponse> {
    return this.organizations.findOrganizationsOfUser(signedInUserOf(ctx).userId, page);
  }

  @Get(':org')
  @RequireAccess('read')
  getOrganization(@Context() ctx: RequestContext): Organization {
    return this.organizations.getOrganization(orgScopeOf(ctx));
  }
}
