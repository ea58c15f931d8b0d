import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const policy = { initialDelayMs: 100, backoffFactor: 2, maxDelayMs: 1000 };

  it('grows exponentially from the initial delay', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(policy, retry))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum delay', () => {
    expect(retryDelayMs(policy, 5)).toBe(1000);
    expect(retryDelayMs(policy, 50)).toBe(1000);
  });

  it('keeps a constant delay with a factor of 1', () => {
    expect(retryDelayMs({ ...policy, backoffFactor: 1 }, 7)).toBe(100);
  });
});
