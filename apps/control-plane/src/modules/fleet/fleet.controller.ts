import { Controller, Get, Query } from '@nestjs/common';
import {
  ListExecutorsQuerySchema,
  type ListApplicationVersionsResponse,
  type ListExecutorsQuery,
  type ListExecutorsResponse,
} from '@podium/protocol';
import { Context, RequireAccess } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { validate } from '../../common/validation/zod-validation.pipe';
import { FleetService } from './fleet.service';

/** Executors and application versions (route table: fleet.routes.ts). */
@Controller('v2/orgs/:org/apps/:app')
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  @Get('executors')
  @RequireAccess('read')
  executors(
    @Context() ctx: RequestContext,
    @Query(validate(ListExecutorsQuerySchema)) query: ListExecutorsQuery,
  ): Promise<ListExecutorsResponse> {
    return this.fleet.findExecutors(scopeOf(ctx), query);
  }

  @Get('versions')
  @RequireAccess('read')
  versions(@Context() ctx: RequestContext): Promise<ListApplicationVersionsResponse> {
    return this.fleet.findVersions(scopeOf(ctx));
  }
}
