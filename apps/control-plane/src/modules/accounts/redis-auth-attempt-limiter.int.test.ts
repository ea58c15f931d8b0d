import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll } from 'vitest';
import { describeAuthAttemptLimiter } from '../../../test/support/auth-attempt-limiter-spec';
import { TEST_REDIS_URL } from '../../../test/support/redis';
import { RedisConnections } from '../../infra/redis/redis-connections';
import { RedisAuthAttemptLimiter } from './redis-auth-attempt-limiter';

// Real Redis; each limiter its own namespace, so cases (and test files) never share counts.
const opened: RedisConnections[] = [];
afterAll(async () => {
  await Promise.all(opened.map((redis) => redis.close()));
});

describeAuthAttemptLimiter('RedisAuthAttemptLimiter (real Redis)', async (limits, now) => {
  const redis = await RedisConnections.open(
    { url: TEST_REDIS_URL, namespace: `test-${randomUUID()}` },
    pino({ level: 'silent' }),
  );
  opened.push(redis);
  return new RedisAuthAttemptLimiter(redis, limits, now);
});
