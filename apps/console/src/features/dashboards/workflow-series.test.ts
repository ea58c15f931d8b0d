import { describe, expect, it } from 'vitest';
import { outcomeTotals, workflowSeries } from './workflow-series';

const minute = 60_000;
const window = { start: 10 * minute, end: 13 * minute + 5_000, bucketMs: minute };

describe('workflow series', () => {
  it('puts each status count in its bucket, with empty buckets as zeros', () => {
    const series = workflowSeries(
      [
        { timeBucket: 10 * minute, status: 'SUCCESS', count: 3 },
        { timeBucket: 10 * minute, status: 'ERROR', count: 1 },
        { timeBucket: 12 * minute, status: 'PENDING', count: 2 },
        { timeBucket: 12 * minute, status: 'CANCELLED', count: 1 },
        { timeBucket: 13 * minute, status: 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', count: 1 },
        { timeBucket: 99 * minute, status: 'SUCCESS', count: 7 }, // outside the window
      ],
      window,
    );
    expect(series).toEqual([
      { bucket: 10 * minute, started: 4, succeeded: 3, failed: 1, cancelled: 0, failureRate: 0.25 },
      { bucket: 11 * minute, started: 0, succeeded: 0, failed: 0, cancelled: 0, failureRate: null },
      { bucket: 12 * minute, started: 3, succeeded: 0, failed: 0, cancelled: 1, failureRate: null },
      { bucket: 13 * minute, started: 1, succeeded: 0, failed: 1, cancelled: 0, failureRate: 1 },
    ]);
    expect(outcomeTotals(series)).toEqual({
      started: 8,
      succeeded: 3,
      failed: 2,
      cancelled: 1,
      failureRate: 0.4,
    });
  });

  it('has no failure rate when nothing finished', () => {
    expect(outcomeTotals(workflowSeries([], window)).failureRate).toBeNull();
  });
});
