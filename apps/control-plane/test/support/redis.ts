import { randomUUID } from 'node:crypto';
import type { RedisTarget } from '../../src/config/config';

/** The Redis tests use (replica mode): REDIS_URL, else the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * A Redis target with a namespace of its own: replicas started with the same one form one
 * deployment; other tests (and test files running in parallel) never hear them.
 */
export function scratchRedis(): RedisTarget {
  return { url: TEST_REDIS_URL, namespace: `test-${randomUUID()}` };
}
