import { Controller, Query } from '@nestjs/common';
import type { AppMetricsQuery, ListAppMetricsResponse } from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { AppMetricsService } from './app-metrics.service';
import { APP_METRICS_ROUTES as ROUTES } from './app-metrics.routes';

@Controller()
export class AppMetricsController {
  constructor(private readonly metrics: AppMetricsService) {}

  @Route(ROUTES.listAppMetrics)
  list(
    @Context() ctx: RequestContext,
    @Query() query: AppMetricsQuery,
  ): Promise<ListAppMetricsResponse> {
    return this.metrics.findMetrics(scopeOf(ctx), query);
  }
}
