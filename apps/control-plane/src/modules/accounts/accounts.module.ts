import { Module } from '@nestjs/common';
import type { RedisConnections } from '../../infra/redis/redis-connections';
import { REDIS } from '../../infra/redis/redis.tokens';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { AuthAttemptLimiter } from './auth-attempt-limiter';
import { InMemoryAuthAttemptLimiter } from './in-memory-auth-attempt-limiter';
import { RedisAuthAttemptLimiter } from './redis-auth-attempt-limiter';

/** Account protection shared by sign-up and sign-in: one budget for all replicas. */
@Module({
  providers: [
    {
      provide: AuthAttemptLimiter,
      inject: [REDIS, PodiumMetrics],
      useFactory: (redis: RedisConnections | null, metrics: PodiumMetrics): AuthAttemptLimiter =>
        (redis
          ? new RedisAuthAttemptLimiter(redis)
          : new InMemoryAuthAttemptLimiter()
        ).reportRefusalsTo((reason) => metrics.recordRefusal(reason)),
    },
  ],
  exports: [AuthAttemptLimiter],
})
export class AccountsModule {}
