import { Body, Controller, Query } from '@nestjs/common';
import type {
  Application,
  CreateApplicationRequest,
  ListApplicationsResponse,
  PaginationQuery,
  UpdateApplicationRequest,
} from '@podium/protocol';
import { applicationOf } from '../../common/auth/app-scope';
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

  @Route(ROUTES.listApplications)
  findApplications(
    @Context() ctx: RequestContext,
    @Query() page: PaginationQuery,
  ): Promise<ListApplicationsResponse> {
    return this.applications.findApplications(orgScopeOf(ctx), page);
  }

  @Route(ROUTES.getApplication)
  getApplication(@Context() ctx: RequestContext): Application {
    return this.applications.getApplication(applicationOf(ctx));
  }

  @Route(ROUTES.updateApplication)
  updateApplication(
    @Context() ctx: RequestContext,
    @Body() body: UpdateApplicationRequest,
  ): Promise<Application> {
    return this.applications.updateApplication(orgScopeOf(ctx), applicationOf(ctx), body);
  }

  @Route(ROUTES.deleteApplication)
  deleteApplication(@Context() ctx: RequestContext): Promise<void> {
    return this.applications.deleteApplication(orgScopeOf(ctx), applicationOf(ctx));
  }
}
