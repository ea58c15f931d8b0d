import { describe, expect, it } from 'vitest';
import { describeOutcome } from './schedule-outcome';

describe('describeOutcome', () => {
  it('says how many runs a backfill started, and how many ticks it skipped', () => {
    const base = { kind: 'backfilled', name: 'nightly' } as const;
    expect(describeOutcome({ ...base, workflowIds: ['a', 'b', 'c'], ticks: 3 })).toBe(
      'Backfilled nightly: started 3 runs.',
    );
    expect(describeOutcome({ ...base, workflowIds: ['a'], ticks: 2 })).toBe(
      'Backfilled nightly: started 1 run; 1 tick had already run.',
    );
    expect(describeOutcome({ ...base, workflowIds: [], ticks: 3 })).toBe(
      'Backfilled nightly: started 0 runs; 3 ticks had already run.',
    );
  });

  it('names the paused schedule', () => {
    expect(describeOutcome({ kind: 'paused', name: 'nightly' })).toContain('Paused nightly');
  });
});
