import { describe, expect, it } from 'vitest';
import { bucketOf, bucketStarts, timeRangeOf, windowOf } from './time-range';

describe('time ranges', () => {
  it('reads a preset from the URL, falling back to the last hour', () => {
    expect(timeRangeOf('6h').id).toBe('6h');
    expect(timeRangeOf('7y').id).toBe('1h');
    expect(timeRangeOf(null).id).toBe('1h');
  });

  it('aligns the window start to a bucket and lists every bucket up to now', () => {
    const now = Date.UTC(2026, 11, 4, 12, 7, 30);
    const window = windowOf(timeRangeOf('15m'), now);
    expect(window.start).toBe(Date.UTC(2026, 11, 4, 11, 52));
    const starts = bucketStarts(window);
    expect(starts).toHaveLength(16); // 11:52 .. 12:07, the last one still filling
    expect(starts.at(-1)).toBe(Date.UTC(2026, 11, 4, 12, 7));
    expect(bucketOf(now, 60_000)).toBe(Date.UTC(2026, 11, 4, 12, 7));
  });

  it('keeps every preset between 15 and 60 buckets', () => {
    for (const id of ['15m', '1h', '6h', '24h']) {
      const count = bucketStarts(windowOf(timeRangeOf(id), Date.UTC(2026, 0, 1, 0, 0, 1))).length;
      expect(count).toBeGreaterThanOrEqual(15);
      expect(count).toBeLessThanOrEqual(61);
    }
  });
});
