import { Controller, Headers, Query, Res } from '@nestjs/common';
import type { ConductorMetricsQuery } from '@podium/protocol';
import type { HttpReply } from '../../common/http/http';
import { Route } from '../../common/routes/route.decorator';
import { Client, type ClientInfo } from '../accounts/client-info';
import { ConductorMetricsService } from './conductor-metrics.service';
import { CONDUCTOR_METRICS_ROUTES as ROUTES } from './conductor-metrics.routes';
import { CONTENT_TYPES, formatFor } from './exposition';

@Controller()
export class ConductorMetricsController {
  constructor(private readonly metrics: ConductorMetricsService) {}

  @Route(ROUTES.getConductorMetrics)
  async getConductorMetrics(
    @Query() query: ConductorMetricsQuery,
    @Headers('authorization') authorization: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<string> {
    const format = formatFor(accept);
    const text = await this.metrics.render({ authorization, from: client.ip }, query, format);
    res.header('Content-Type', CONTENT_TYPES[format]);
    return text;
  }
}
