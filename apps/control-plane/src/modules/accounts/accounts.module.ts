import { Module } from '@nestjs/common';
import type { RedisConnections } from '../../infra/redis/redis-connections';
import { REDIS } from '../../infra/redis/redis.tokens';
import { AuthAttemptLimiter } from './auth-attempt-limiter';
import { InMemoryAuthAttemptLimiter } from './in-memory-auth-attempt-limiter';
import { RedisAuthAttemptLimiter } from './redis-auth-attempt-limiter';

/** Account protection shared by sign-up and sign-in: one budget for all replicas. */
@Module({
  providers: [
    {
      provide: AuthAttemptLimiter,
      inject: [REDIS],
      useFactory: (redis: RedisConnections | null): AuthAttemptLimiter =>
        redis ? new RedisAuthAttemptLimiter(redis) : new InMemoryAuthAttemptLimiter(),
    },
  ],
  exports: [AuthAttemptLimiter],
})
export class AccountsModule {}
