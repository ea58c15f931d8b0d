import { describe, expect, it } from 'vitest';
import { describeLimits } from './limits';
import { unlimitedQueue } from './queue-fixture';

const queue = unlimitedQueue;

describe('describeLimits', () => {
  it('says unlimited and none for a queue without limits', () => {
    expect(describeLimits(queue)).toEqual({ concurrency: 'unlimited', rateLimit: 'none' });
  });

  it('names global and per-executor concurrency and the rate limit', () => {
    expect(
      describeLimits({
        ...queue,
        concurrency: 2,
        workerConcurrency: 1,
        rateLimitMax: 10,
        rateLimitPeriodSecs: 60,
      }),
    ).toEqual({ concurrency: '2 at once, 1 per executor', rateLimit: '10 per 60 s' });
  });
});
