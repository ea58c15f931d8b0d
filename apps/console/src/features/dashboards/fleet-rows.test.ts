import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from './concurrency';
import { failuresOf, nextFleetSort, sortFleet, type FleetRow } from './fleet-rows';

const row = (app: string, extra: Partial<FleetRow>): FleetRow => ({
  app,
  state: 'online',
  connected: 1,
  dead: 0,
  failed: 0,
  failureRate: null,
  enqueued: 0,
  oldestEnqueuedMs: null,
  ...extra,
});

describe('fleet rows', () => {
  it('counts failures of finished workflows', () => {
    expect(
      failuresOf([
        { status: 'SUCCESS', count: 3 },
        { status: 'ERROR', count: 1 },
        { status: 'PENDING', count: 5 },
      ]),
    ).toEqual({ failed: 1, failureRate: 0.25 });
    expect(failuresOf([{ status: 'PENDING', count: 2 }])).toEqual({ failed: 0, failureRate: null });
  });

  it('sorts by a column, rows without a value last either way', () => {
    const rows = [
      row('billing', { failed: 2 }),
      row('depot', { state: 'offline', connected: 0, failed: null }),
      row('shop', { failed: 5 }),
    ];
    const byFailed = (desc: boolean) =>
      sortFleet(rows, { column: 'failed', desc }).map((r) => r.app);
    expect(byFailed(true)).toEqual(['shop', 'billing', 'depot']);
    expect(byFailed(false)).toEqual(['billing', 'shop', 'depot']);
    expect(sortFleet(rows, { column: 'app', desc: true }).map((r) => r.app)).toEqual([
      'shop',
      'depot',
      'billing',
    ]);
  });

  it('flips the current column, and starts numbers high first', () => {
    expect(nextFleetSort({ column: 'app', desc: false }, 'app')).toEqual({
      column: 'app',
      desc: true,
    });
    expect(nextFleetSort({ column: 'app', desc: false }, 'dead')).toEqual({
      column: 'dead',
      desc: true,
    });
  });
});

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` calls in flight and the results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const pending = mapWithConcurrency([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => setImmediate(resolve)); // yield: others may start
      inFlight -= 1;
      return n * 10;
    });
    await expect(pending).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });
});
