import { Inject, Injectable } from '@nestjs/common';
import type { DependencyCheck } from '@podium/protocol';
import { describeFailure, withTimeout } from '../../common/health/dependency-probe';
import { REDIS } from './redis.tokens';
import type { RedisConnections } from './redis-connections';

/** Past this, a Redis that has not answered counts as down. */
const REDIS_PING_TIMEOUT_MS = 2_000;

/**
 * Whether Redis answers and this replica still listens (a lost subscriber misses commands
 * and events): the readiness check's Redis part, in replica mode only.
 */
@Injectable()
export class RedisCheck {
  constructor(@Inject(REDIS) private readonly redis: RedisConnections | null) {}

  /** Null when this process runs alone (no Redis). */
  async check(): Promise<DependencyCheck | null> {
    if (!this.redis) return null;
    const started = performance.now();
    let error: string | undefined;
    try {
      await withTimeout(this.redis.commands.ping(), REDIS_PING_TIMEOUT_MS);
      if (!this.redis.isSubscriberReady) error = 'the subscriber connection is down';
    } catch (cause) {
      error = describeFailure(cause);
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return error ? { status: 'down', latencyMs, error } : { status: 'up', latencyMs };
  }
}
