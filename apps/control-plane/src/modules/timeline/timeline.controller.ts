import { Controller, Query } from '@nestjs/common';
import type { TimelineQuery, TimelineResponse } from '@podium/protocol';
import { applicationOf } from '../../common/auth/app-scope';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, orgScopeOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { TimelineService } from './timeline.service';
import { TIMELINE_ROUTES as ROUTES } from './timeline.routes';

/** The incident timeline of an organization and of one application. */
@Controller()
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Route(ROUTES.getOrgTimeline)
  getOrgTimeline(
    @Context() ctx: RequestContext,
    @Query() query: TimelineQuery,
  ): Promise<TimelineResponse> {
    return this.timeline.findTimeline(orgScopeOf(ctx), null, query);
  }

  @Route(ROUTES.getAppTimeline)
  getAppTimeline(
    @Context() ctx: RequestContext,
    @Query() query: TimelineQuery,
  ): Promise<TimelineResponse> {
    return this.timeline.findTimeline(orgScopeOf(ctx), applicationOf(ctx), query);
  }
}
