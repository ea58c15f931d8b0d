import { describe, expect, it } from 'vitest';
import { MAX_BACKFILL_RUNS, assertBackfillBounded, maxBackfillRuns } from './backfill-bounds';

const DAY = 86_400_000;
const window = (days: number) => ({
  startTime: '2026-01-01T00:00:00Z',
  endTime: new Date(Date.parse('2026-01-01T00:00:00Z') + days * DAY).toISOString(),
});

describe('maxBackfillRuns', () => {
  it('bounds the runs by the time-of-day fields and the days the window touches', () => {
    expect(maxBackfillRuns('0 3 * * *', 0, 365 * DAY)).toBe(367);
    expect(maxBackfillRuns('*/15 9-17 * * 1-5', 0, 7 * DAY)).toBe(4 * 9 * 9);
    expect(maxBackfillRuns('0 0,30 8,20 * * *', 0, DAY)).toBe(4 * 3);
    // Every second: never more than one a second, whatever the days.
    expect(maxBackfillRuns('* * * * * *', 0, 2 * DAY)).toBe(2 * 86_400);
  });

  it('reads the shorthands as the fields they stand for', () => {
    expect(maxBackfillRuns('@daily', 0, 2 * DAY)).toBe(4);
    expect(maxBackfillRuns('@HOURLY', 0, 30 * DAY)).toBe(24 * 32);
  });

  it('counts a field it does not read as its whole range', () => {
    // A reversed range wraps around (22 to 2) in some SDKs.
    expect(maxBackfillRuns('* * 22-2,12 * * *', 0, DAY)).toBe(DAY / 1_000);
    expect(maxBackfillRuns('0 22-2,12 * * *', 0, DAY)).toBe(24 * 3);
    expect(maxBackfillRuns('L * * * *', 0, DAY)).toBe(60 * 24 * 3);
    expect(maxBackfillRuns('5 */0 * * *', 0, DAY)).toBe(24 * 3);
  });
});

describe('assertBackfillBounded', () => {
  it('takes a year of a daily schedule, and refuses two days of one firing every second', () => {
    expect(() => assertBackfillBounded('0 3 * * *', window(365))).not.toThrow();
    expect(() => assertBackfillBounded('* * * * * *', window(2))).toThrow(
      `a backfill starts at most ${MAX_BACKFILL_RUNS}: split the window`,
    );
  });
});
