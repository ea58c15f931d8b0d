import { Controller, Res } from '@nestjs/common';
import type { HealthResponse, ReadinessResponse } from '@podium/protocol';
import type { HttpReply } from '../../common/http/http';
import { Route } from '../../common/routes/route.decorator';
import { HealthService } from './health.service';
import { HEALTH_ROUTES as ROUTES } from './health.routes';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. Never touches dependencies. */
  @Route(ROUTES.getHealth)
  getHealth(): HealthResponse {
    return this.health.getHealth();
  }

  /** Readiness: 200 when every dependency answers, 503 with the same body shape otherwise. */
  @Route(ROUTES.getReadiness)
  async getReadiness(@Res({ passthrough: true }) res: HttpReply): Promise<ReadinessResponse> {
    const readiness = await this.health.getReadiness();
    res.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
