import { Body, Controller, Query } from '@nestjs/common';
import type {
  ListExecutorsQuery,
  SetLatestVersionRequest,
  ApplicationVersion,
  Executor,
  ListPage,
  Paginated,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { applicationOf, operatorOf, scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { ExecutorsService } from '../executors/executors.service';
import { FleetService } from './fleet.service';
import { FLEET_ROUTES as ROUTES } from './fleet.routes';

/** Executors and application versions. */
@Controller()
export class FleetController {
  constructor(
    private readonly executors: ExecutorsService,
    private readonly fleet: FleetService,
  ) {}

  @Route(ROUTES.listExecutors)
  listExecutors(
    @Context() ctx: RequestContext,
    @Query() query: ListExecutorsQuery,
  ): Promise<Paginated<Executor>> {
    return this.executors.findExecutors(scopeOf(ctx), query);
  }

  @Route(ROUTES.listApplicationVersions)
  listVersions(@Context() ctx: RequestContext): Promise<ListPage<ApplicationVersion>> {
    return this.fleet.findVersions(scopeOf(ctx));
  }

  @Route(ROUTES.setLatestAppVersion)
  setLatestVersion(
    @Context() ctx: RequestContext,
    @Body() body: SetLatestVersionRequest,
  ): Promise<void> {
    return this.fleet.setLatestVersion(operatorOf(ctx), applicationOf(ctx).name, body);
  }
}
