import { Injectable } from '@nestjs/common';
import type { HealthResponse, ReadinessResponse } from '@podium/protocol';
import { DatabaseCheck } from '../../infra/database/database-check';
import { SERVICE_VERSION } from '../../version';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(private readonly database: DatabaseCheck) {}

  getHealth(): HealthResponse {
    return {
      status: 'ok',
      service: 'podium-control-plane',
      version: SERVICE_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  async getReadiness(): Promise<ReadinessResponse> {
    const database = await this.database.check();
    return { status: database.status === 'up' ? 'ready' : 'not_ready', checks: { database } };
  }
}
