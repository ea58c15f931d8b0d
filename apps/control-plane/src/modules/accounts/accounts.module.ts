import { Module } from '@nestjs/common';
import { CONFIG, type Config } from '../../config/config';
import type { RedisConnections } from '../../infra/redis/redis-connections';
import { REDIS } from '../../infra/redis/redis.tokens';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { AuthAttemptLimiter, authRateLimits } from './auth-attempt-limiter';
import { InMemoryAuthAttemptLimiter } from './in-memory-auth-attempt-limiter';
import { RedisAuthAttemptLimiter } from './redis-auth-attempt-limiter';

/** Protection against guessing (passwords, API keys) and mass sign-ups: one budget for all replicas. */
@Module({
  providers: [
    {
      provide: AuthAttemptLimiter,
      inject: [CONFIG, REDIS, PodiumMetrics],
      useFactory: (
        config: Config,
        redis: RedisConnections | null,
        metrics: PodiumMetrics,
      ): AuthAttemptLimiter => {
        const limits = authRateLimits(config.accounts.unknownApiKeysPerMinute);
        return (
          redis
            ? new RedisAuthAttemptLimiter(redis, limits)
            : new InMemoryAuthAttemptLimiter(limits)
        ).reportRefusalsTo((reason) => metrics.recordRefusal(reason));
      },
    },
  ],
  exports: [AuthAttemptLimiter],
})
export class AccountsModule {}
