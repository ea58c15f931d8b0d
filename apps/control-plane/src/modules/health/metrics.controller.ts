import { Controller, Headers, Res } from '@nestjs/common';
import type { HttpReply } from '../../common/http/http';
import { Route } from '../../common/routes/route.decorator';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { MetricsAccess } from './metrics-access';
import { HEALTH_ROUTES as ROUTES } from './health.routes';

/** `GET /metrics`: this process's Prometheus metrics (see PodiumMetrics). */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: PodiumMetrics,
    private readonly access: MetricsAccess,
  ) {}

  @Route(ROUTES.getMetrics)
  async getMetrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<string> {
    this.access.assertAllowed(authorization);
    const { contentType, text } = await this.metrics.render();
    res.header('Content-Type', contentType);
    return text;
  }
}
