import { Body, Controller, Query } from '@nestjs/common';
import type {
  Application,
  ApplicationSettingsChange,
  CreateApplicationRequest,
  PaginationQuery,
  RegisterApplicationRequest,
  Paginated,
} from '@podium/protocol';
import { applicationOf, newApplicationNameOf } from '../../common/auth/app-scope';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { ApplicationsService } from './applications.service';
import { APPLICATION_ROUTES as ROUTES } from './applications.routes';

@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /** Registers an application by the name its executors connect with. */
  @Route(ROUTES.createApplication)
  createApplication(
    @Context() ctx: RequestContext,
    @Body() body: CreateApplicationRequest,
  ): Promise<Application> {
    return this.applications.createApplication(orgScopeOf(ctx), body);
  }

  /** DBOS's register: creates it unless it exists. */
  @Route(ROUTES.registerApplication)
  registerApplication(
    @Context() ctx: RequestContext,
    @Body() body: RegisterApplicationRequest,
  ): Promise<void> {
    if (ctx.application) return Promise.resolve(); // registered already: nothing changes
    return this.applications.registerApplication(orgScopeOf(ctx), newApplicationNameOf(ctx), body);
  }

  @Route(ROUTES.listApplications)
  findApplications(
    @Context() ctx: RequestContext,
    @Query() page: PaginationQuery,
  ): Promise<Paginated<Application>> {
    return this.applications.findApplications(orgScopeOf(ctx), page);
  }

  @Route(ROUTES.getApplication)
  getApplication(@Context() ctx: RequestContext): Promise<Application> {
    return this.applications.getApplication(orgScopeOf(ctx), applicationOf(ctx));
  }

  @Route(ROUTES.updateApplication)
  updateApplication(
    @Context() ctx: RequestContext,
    @Body() body: ApplicationSettingsChange,
  ): Promise<void> {
    return this.applications.updateApplication(orgScopeOf(ctx), applicationOf(ctx), body);
  }

  @Route(ROUTES.deleteApplication)
  deleteApplication(@Context() ctx: RequestContext): Promise<void> {
    return this.applications.deleteApplication(orgScopeOf(ctx), applicationOf(ctx));
  }
}
