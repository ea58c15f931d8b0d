import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SlidingWindowRateLimiter', () => {
  it('allows `limit` events per window, then says how long to wait', () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 3, windowMs: 60_000 }, clock.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('a')).toBe(0);
      limiter.record('a');
      clock.advance(10_000);
    }
    // The first event (30 s ago) leaves the window in 30 s.
    expect(limiter.retryAfterMs('a')).toBe(30_000);
    expect(limiter.retryAfterMs('b')).toBe(0);
  });

  it('slides: each old event frees a slot exactly when it leaves the window', () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 2, windowMs: 1_000 }, clock.now);
    limiter.record('k');
    clock.advance(400);
    limiter.record('k');
    clock.advance(599);
    expect(limiter.retryAfterMs('k')).toBe(1);
    clock.advance(1);
    expect(limiter.retryAfterMs('k')).toBe(0);
    limiter.record('k');
    expect(limiter.retryAfterMs('k')).toBe(400);
  });

  it('forgets a key on reset', () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 1_000 }, clock.now);
    limiter.record('k');
    expect(limiter.retryAfterMs('k')).toBeGreaterThan(0);
    limiter.reset('k');
    expect(limiter.retryAfterMs('k')).toBe(0);
  });

  it('keeps a bounded number of keys, dropping the least recently used', () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 1_000 }, clock.now, 2);
    limiter.record('old');
    limiter.record('mid');
    limiter.record('new');
    expect(limiter.retryAfterMs('old')).toBe(0);
    expect(limiter.retryAfterMs('mid')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('new')).toBeGreaterThan(0);
  });
});
