import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT_BACKOFF, ReconnectBackoff } from './reconnect-backoff';

const constant = (value: number) => () => value;

describe('ReconnectBackoff', () => {
  it('doubles from 1 s up to the 30 s cap', () => {
    const backoff = new ReconnectBackoff(DEFAULT_RECONNECT_BACKOFF, constant(0.5)); // jitter × 1
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('jitters each delay between ×0.5 and ×1.5, never above the cap', () => {
    const low = new ReconnectBackoff(DEFAULT_RECONNECT_BACKOFF, constant(0));
    const high = new ReconnectBackoff(DEFAULT_RECONNECT_BACKOFF, constant(0.999_999));
    expect([low.next(), low.next(), low.next()]).toEqual([500, 1_000, 2_000]);
    expect([high.next(), high.next(), high.next()]).toEqual([1_500, 3_000, 6_000]);
    for (let i = 0; i < 10; i++) expect(high.next()).toBeLessThanOrEqual(30_000);
    for (let i = 0; i < 10; i++) expect(low.next()).toBeGreaterThanOrEqual(500);
  });

  it('spreads a fleet: random jitter gives different delays', () => {
    const delays = new Set(Array.from({ length: 20 }, () => new ReconnectBackoff().next()));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_500);
    }
  });

  it('starts over after reset()', () => {
    const backoff = new ReconnectBackoff(DEFAULT_RECONNECT_BACKOFF, constant(0.5));
    for (let i = 0; i < 50; i++) backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(1_000);
  });
});
