import { describe, expect, it } from 'vitest';
import { stepRetryDelayMs } from './step-retry-delay';

describe('stepRetryDelayMs', () => {
  const policy = { initialDelayMs: 100, backoffFactor: 2, maxDelayMs: 1000 };

  it('grows exponentially from the initial delay', () => {
    expect([1, 2, 3, 4].map((retry) => stepRetryDelayMs(policy, retry))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('never exceeds the maximum delay', () => {
    expect(stepRetryDelayMs(policy, 5)).toBe(1000);
    expect(stepRetryDelayMs(policy, 50)).toBe(1000);
  });

  it('keeps a constant delay with a factor of 1', () => {
    expect(stepRetryDelayMs({ ...policy, backoffFactor: 1 }, 7)).toBe(100);
  });
});
