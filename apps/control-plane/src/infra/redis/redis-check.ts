import { Inject, Injectable } from '@nestjs/common';
import { type ProbeResult, probeDependency } from '../../common/health/dependency-probe';
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
  async check(): Promise<ProbeResult | null> {
    const redis = this.redis;
    if (!redis) return null;
    return probeDependency(
      () => redis.commands.ping(),
      REDIS_PING_TIMEOUT_MS,
      () => (redis.isSubscriberReady ? null : 'the subscriber connection is down'),
    );
  }
}
