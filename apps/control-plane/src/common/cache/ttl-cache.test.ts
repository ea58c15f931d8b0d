import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('answers until the entry is ttl old, then forgets it', () => {
    const cache = new TtlCache<string, number>(1_000);
    cache.set('a', 1, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1_000)).toBeUndefined();
  });

  it('evicts the oldest entry beyond its bound, and drops matching values on demand', () => {
    const cache = new TtlCache<string, number>(1_000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('c', 3, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.deleteWhere((v) => v === 2);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBe(3);
  });
});

describe('TtlCache.getOrLoad', () => {
  it('shares one load between concurrent misses and does not keep misses', async () => {
    const cache = new TtlCache<string, number>(1_000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return 7;
    };
    await expect(
      Promise.all([cache.getOrLoad('a', load, 0), cache.getOrLoad('a', load, 0)]),
    ).resolves.toEqual([7, 7]);
    expect(loads).toBe(1);
    await expect(cache.getOrLoad('none', () => Promise.resolve(null))).resolves.toBeNull();
    expect(cache.get('none')).toBeUndefined();
  });

  it('serves a just-expired entry while one background load refreshes it, then the fresh value', async () => {
    const cache = new TtlCache<string, number>(1_000);
    const now = Date.now(); // one clock reading: a stall must not move the entry out of its window
    cache.set('a', 1, now - 1_500); // expired half a ttl ago
    let release!: (v: number) => void;
    const refreshed = new Promise<number>((r) => (release = r));
    await expect(cache.getOrLoad('a', () => refreshed, now)).resolves.toBe(1);
    await expect(cache.getOrLoad('a', () => Promise.resolve(99), now)).resolves.toBe(1); // same refresh in flight
    release(2);
    await refreshed;
    await new Promise((r) => setTimeout(r, 0));
    // Read on the same clock: the refresh stored 2 from a later reading, so it is fresh at `now`
    // (the expired 1 would not be), however long the machine stalled in between.
    expect(cache.get('a', now)).toBe(2);
  });

  it('loads again, waiting, once an entry is more than a ttl past expiry', async () => {
    const cache = new TtlCache<string, number>(1_000);
    cache.set('a', 1, Date.now() - 2_500);
    await expect(cache.getOrLoad('a', () => Promise.resolve(3))).resolves.toBe(3);
  });

  it('neither keeps nor shares a load that began before an invalidation', async () => {
    const cache = new TtlCache<string, { id: string }>(1_000);
    let release!: (v: { id: string }) => void;
    const stale = cache.getOrLoad('a', () => new Promise((r) => (release = r)));
    cache.deleteWhere((v) => v.id === 'k'); // e.g. key k revoked while its row was being read
    const fresh = cache.getOrLoad('a', () => Promise.resolve({ id: 'fresh' }));
    release({ id: 'k' });
    await expect(stale).resolves.toEqual({ id: 'k' });
    await expect(fresh).resolves.toEqual({ id: 'fresh' });
    expect(cache.get('a')).toEqual({ id: 'fresh' });
  });
});
