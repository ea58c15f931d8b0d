import { describe, expect, it } from 'vitest';
import { MinuteCache } from './minute-cache';

describe('MinuteCache', () => {
  it('loads once per key and window, sharing the load in flight', async () => {
    const cache = new MinuteCache<number>();
    let loads = 0;
    let release!: (value: number) => void;
    const load = () => {
      loads += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = cache.get('app', 60_000, load);
    const second = cache.get('app', 60_000, load);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(await cache.get('app', 60_000, load)).toBe(7);
    expect(loads).toBe(1);
    void cache.get('app', 120_000, load);
    release(8);
    expect(await cache.get('app', 120_000, load)).toBe(8);
    expect(loads).toBe(2);
  });

  it('forgets a failed load, so the next caller tries again', async () => {
    const cache = new MinuteCache<number>();
    await expect(cache.get('app', 0, () => Promise.reject(new Error('down')))).rejects.toThrow();
    expect(await cache.get('app', 0, () => Promise.resolve(1))).toBe(1);
  });
});
