import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  BackfillScheduleRequest,
  BackfillScheduleResponse,
  ListSchedulesQuery,
  ListSchedulesResponse,
  Schedule,
  TriggerScheduleResponse,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { operatorOf, scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { SchedulesService } from './schedules.service';
import { SCHEDULE_ROUTES as ROUTES } from './schedules.routes';

type SchedulePath = { scheduleName: string };

/** Schedules: reads, and the audited pause, resume, trigger and backfill. */
@Controller()
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Route(ROUTES.listSchedules)
  list(
    @Context() ctx: RequestContext,
    @Query() query: ListSchedulesQuery,
  ): Promise<ListSchedulesResponse> {
    return this.schedules.findSchedules(scopeOf(ctx), query);
  }

  @Route(ROUTES.getSchedule)
  get(@Context() ctx: RequestContext, @Param() { scheduleName }: SchedulePath): Promise<Schedule> {
    return this.schedules.getSchedule(scopeOf(ctx), scheduleName);
  }

  @Route(ROUTES.pauseSchedule)
  pause(@Context() ctx: RequestContext, @Param() { scheduleName }: SchedulePath): Promise<void> {
    return this.schedules.pauseSchedule(operatorOf(ctx), scheduleName);
  }

  @Route(ROUTES.resumeSchedule)
  resume(@Context() ctx: RequestContext, @Param() { scheduleName }: SchedulePath): Promise<void> {
    return this.schedules.resumeSchedule(operatorOf(ctx), scheduleName);
  }

  @Route(ROUTES.triggerSchedule)
  trigger(
    @Context() ctx: RequestContext,
    @Param() { scheduleName }: SchedulePath,
  ): Promise<TriggerScheduleResponse> {
    return this.schedules.triggerSchedule(operatorOf(ctx), scheduleName);
  }

  @Route(ROUTES.backfillSchedule)
  backfill(
    @Context() ctx: RequestContext,
    @Param() { scheduleName }: SchedulePath,
    @Body() body: BackfillScheduleRequest,
  ): Promise<BackfillScheduleResponse> {
    return this.schedules.backfillSchedule(operatorOf(ctx), scheduleName, body);
  }
}
