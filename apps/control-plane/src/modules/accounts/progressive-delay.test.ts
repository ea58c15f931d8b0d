import { describe, expect, it } from 'vitest';
import { ProgressiveDelay } from './progressive-delay';

const SECOND = 1_000;

function setup(maxKeys?: number) {
  let now = 1_000_000;
  const delay = new ProgressiveDelay(
    {
      freeFailures: 3,
      baseDelayMs: 10 * SECOND,
      maxDelayMs: 60 * SECOND,
      forgetAfterMs: 3_600 * SECOND,
    },
    () => now,
    maxKeys,
  );
  return { delay, advance: (ms: number) => (now += ms) };
}

describe('ProgressiveDelay', () => {
  it('lets the first failures go free, then doubles the wait per failure up to the cap', () => {
    const { delay, advance } = setup();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      delay.recordFailure('k');
      waits.push(delay.retryAfterMs('k'));
      advance(delay.retryAfterMs('k'));
    }
    expect(waits).toEqual([0, 0, 10, 20, 40, 60, 60].map((s) => s * SECOND));
  });

  it('counts the wait from the last failure', () => {
    const { delay, advance } = setup();
    for (let i = 0; i < 4; i++) delay.recordFailure('k');
    advance(15 * SECOND);
    expect(delay.retryAfterMs('k')).toBe(5 * SECOND);
    advance(5 * SECOND);
    expect(delay.retryAfterMs('k')).toBe(0);
  });

  it('keeps keys apart, and forgets one on reset or after a quiet spell', () => {
    const { delay, advance } = setup();
    for (let i = 0; i < 3; i++) delay.recordFailure('a');
    expect(delay.retryAfterMs('a')).toBeGreaterThan(0);
    expect(delay.retryAfterMs('b')).toBe(0);
    delay.reset('a');
    expect(delay.retryAfterMs('a')).toBe(0);

    for (let i = 0; i < 5; i++) delay.recordFailure('c');
    advance(3_600 * SECOND);
    delay.recordFailure('c'); // counts as the first again
    expect(delay.retryAfterMs('c')).toBe(0);
  });

  it('keeps a bounded number of keys, dropping the least recently failing', () => {
    const { delay } = setup(2);
    for (const key of ['old', 'mid', 'new']) for (let i = 0; i < 3; i++) delay.recordFailure(key);
    expect(delay.retryAfterMs('old')).toBe(0);
    expect(delay.retryAfterMs('mid')).toBeGreaterThan(0);
    expect(delay.retryAfterMs('new')).toBeGreaterThan(0);
  });
});
