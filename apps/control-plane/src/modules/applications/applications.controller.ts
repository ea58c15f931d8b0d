import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  type Application,
  type CreateApplicationRequest,
  CreateApplicationRequestSchema,
  type ListApplicationsResponse,
  type PaginationQuery,
  PaginationQuerySchema,
  type UpdateApplicationRequest,
  UpdateApplicationRequestSchema,
} from '@podium/protocol';
import { applicationOf } from '../../common/auth/app-scope';
import { AuditAs, Context, RequireAccess } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../audit/audit-actions';
import { ApplicationsService } from './applications.service';

@Controller('v2/orgs/:org/apps')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /** Registers an application by the name its executors connect with. */
  @Post()
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.applicationCreate, AUDIT_TARGETS.application)
  createApplication(
    @Context() ctx: RequestContext,
    @Body(new ZodValidationPipe(CreateApplicationRequestSchema)) body: CreateApplicationRequest,
  ): Promise<Application> {
    return this.applications.createApplication(orgScopeOf(ctx), body);
  }

  @Get()
  @RequireAccess('read')
  findApplications(
    @Context() ctx: RequestContext,
    @Query(new ZodValidationPipe(PaginationQuerySchema)) page: PaginationQuery,
  ): Promise<ListApplicationsResponse> {
    return this.applications.findApplications(orgScopeOf(ctx), page);
  }

  @Get(':app')
  @RequireAccess('read')
  getApplication(@Context() ctx: RequestContext): Application {
    return this.applications.getApplication(applicationOf(ctx));
  }

  @Patch(':app')
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.applicationUpdate, AUDIT_TARGETS.application, 'app')
  updateApplication(
    @Context() ctx: RequestContext,
    @Body(new ZodValidationPipe(UpdateApplicationRequestSchema)) body: UpdateApplicationRequest,
  ): Promise<Application> {
    return this.applications.updateApplication(orgScopeOf(ctx), applicationOf(ctx), body);
  }

  @Delete(':app')
  @HttpCode(204)
  @RequireAccess('admin')
  @AuditAs(AUDIT_ACTIONS.applicationDelete, AUDIT_TARGETS.application, 'app')
  deleteApplication(@Context() ctx: RequestContext): Promise<void> {
    return this.applications.deleteApplication(orgScopeOf(ctx), applicationOf(ctx));
  }
}
