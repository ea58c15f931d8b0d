import { Controller, Query } from '@nestjs/common';
import type {
  ListApplicationVersionsResponse,
  ListExecutorsQuery,
  ListExecutorsResponse,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { FleetService } from './fleet.service';
import { FLEET_ROUTES as ROUTES } from './fleet.routes';

/** Executors and application versions. */
@Controller()
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  @Route(ROUTES.listExecutors)
  executors(
    @Context() ctx: RequestContext,
    @Query() query: ListExecutorsQuery,
  ): Promise<ListExecutorsResponse> {
    return this.fleet.findExecutors(scopeOf(ctx), query);
  }

  @Route(ROUTES.listApplicationVersions)
  versions(@Context() ctx: RequestContext): Promise<ListApplicationVersionsResponse> {
    return this.fleet.findVersions(scopeOf(ctx));
  }
}
