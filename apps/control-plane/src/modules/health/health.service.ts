import { Inject, Injectable } from '@nestjs/common';
import type { DependencyCheck, HealthResponse, ReadinessResponse } from '@podium/protocol';
import type { Logger } from 'pino';
import type { ProbeResult } from '../../common/health/dependency-probe';
import { LogThrottle, suppressedField } from '../../common/logging/log-throttle';
import { LOGGER } from '../../common/logging/logging.tokens';
import { DatabaseCheck } from '../../infra/database/database-check';
import { RedisCheck } from '../../infra/redis/redis-check';
import { SERVICE_VERSION } from '../../version';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();
  /** A load balancer asks every few seconds: a dependency down writes a few lines a minute. */
  private readonly downLog = new LogThrottle();

  constructor(
    private readonly database: DatabaseCheck,
    private readonly redis: RedisCheck,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  getHealth(): HealthResponse {
    return {
      status: 'ok',
      service: 'podium-control-plane',
      version: SERVICE_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  /**
   * The database, and in replica mode Redis: ready when every one answers. The answer is public
   * (load balancers ask without credentials), so a failure says only that it timed out or
   * failed; what the driver said goes to the log.
   */
  async getReadiness(): Promise<ReadinessResponse> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis.check()]);
    const checks = {
      database: { kind: this.database.kind, ...this.report('database', database) },
      ...(redis && { redis: this.report('redis', redis) }),
    };
    const ready = Object.values(checks).every((check) => check.status === 'up');
    return { status: ready ? 'ready' : 'not_ready', checks };
  }

  private report(dependency: string, { latencyMs, failure }: ProbeResult): DependencyCheck {
    if (!failure) return { status: 'up', latencyMs };
    const admitted = this.downLog.admit(dependency);
    if (admitted) {
      this.logger.warn(
        { dependency, reason: failure.detail, ...suppressedField(admitted) },
        'readiness: a dependency is down',
      );
    }
    return { status: 'down', latencyMs, error: failure.reason };
  }
}
