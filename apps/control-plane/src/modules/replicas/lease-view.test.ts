import { describe, expect, it } from 'vitest';
import { type LeaseRow, viewLeases } from './lease-view';

const row = (id: string, startedAtMs: number, remainingMs: number): LeaseRow => ({
  id,
  startedAt: new Date(startedAtMs),
  leaseUntil: new Date(1_000_000 + remainingMs),
  remainingMs,
});

describe('viewLeases', () => {
  it('names the longest-running live replica coordinator, ties broken by id', () => {
    const view = viewLeases([row('c', 300, 5_000), row('b', 100, 4_000), row('a', 100, 900)], 'c');
    expect(view.coordinatorId).toBe('a');
    expect(view.nextExpiryMs).toBe(900);
    expect(view.expired).toEqual([]);
  });

  it('passes the role on once the coordinator’s lease passed, and lists it for adoption', () => {
    const view = viewLeases([row('old', 1, -10), row('me', 2, 3_000), row('new', 3, 2_000)], 'me');
    expect(view.coordinatorId).toBe('me');
    expect(view.expired.map((r) => r.id)).toEqual(['old']);
    expect(view.nextExpiryMs).toBe(2_000);
  });

  it('never lists itself for adoption, and has no coordinator when no lease holds', () => {
    const view = viewLeases([row('me', 1, 0)], 'me');
    expect(view).toEqual({ expired: [], coordinatorId: null, nextExpiryMs: null });
  });
});
