import { Injectable } from '@nestjs/common';
import type { HealthResponse, ReadinessResponse } from '@podium/protocol';
import { DatabaseCheck } from '../../infra/database/database-check';
import { RedisCheck } from '../../infra/redis/redis-check';
import { SERVICE_VERSION } from '../../version';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly database: DatabaseCheck,
    private readonly redis: RedisCheck,
  ) {}

  getHealth(): HealthResponse {
    return {
      status: 'ok',
      service: 'podium-control-plane',
      version: SERVICE_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  /** The database, and in replica mode Redis: ready when every one answers. */
  async getReadiness(): Promise<ReadinessResponse> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis.check()]);
    const checks = { database, ...(redis && { redis }) };
    const ready = Object.values(checks).every((check) => check.status === 'up');
    return { status: ready ? 'ready' : 'not_ready', checks };
  }
}
