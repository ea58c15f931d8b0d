import { Controller, Get, Res } from '@nestjs/common';
import type { HealthResponse, ReadinessResponse } from '@podium/protocol';
import type { HttpReply } from '../../common/http/http';
import { Public } from '../../common/auth/decorators';
import { HealthService } from './health.service';

@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. Never touches dependencies. */
  @Get('healthz')
  getHealth(): HealthResponse {
    return this.health.getHealth();
  }

  /** Readiness: 200 when the database answers, 503 with the same body shape otherwise. */
  @Get('readyz')
  async getReadiness(@Res({ passthrough: true }) res: HttpReply): Promise<ReadinessResponse> {
    const readiness = await this.health.getReadiness();
    res.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
