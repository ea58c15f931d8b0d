/**
 * Workflow counts per time bucket, from the executors' aggregates grouped by status and bucket
 * (bucketed on creation time: a workflow counts in the bucket it started in, under the status it
 * has now).
 */
import { bucketStarts, type TimeWindow } from './time-range';

export interface StatusBucketCount {
  /** Bucket start, epoch ms. */
  timeBucket: number;
  status: string | null;
  count: number;
}

export interface WorkflowBucket {
  /** Bucket start, epoch ms. */
  bucket: number;
  started: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Failed of finished (succeeded + failed), 0-1; null when none finished. */
  failureRate: number | null;
}

export type OutcomeTotals = Omit<WorkflowBucket, 'bucket'>;

const OUTCOME_OF: Readonly<Record<string, 'succeeded' | 'failed' | 'cancelled'>> = {
  SUCCESS: 'succeeded',
  ERROR: 'failed',
  MAX_RECOVERY_ATTEMPTS_EXCEEDED: 'failed',
  CANCELLED: 'cancelled',
};

function rateOf(succeeded: number, failed: number): number | null {
  return succeeded + failed === 0 ? null : failed / (succeeded + failed);
}

/** One row per bucket of the window (empty buckets as zeros), oldest first. */
export function workflowSeries(
  counts: readonly StatusBucketCount[],
  window: TimeWindow,
): WorkflowBucket[] {
  const rows = new Map(
    bucketStarts(window).map((bucket) => [
      bucket,
      { bucket, started: 0, succeeded: 0, failed: 0, cancelled: 0, failureRate: null },
    ]),
  ) as Map<number, WorkflowBucket>;
  for (const { timeBucket, status, count } of counts) {
    const row = rows.get(timeBucket);
    if (!row) continue; // outside the window (an executor's clock ahead of ours)
    row.started += count;
    const outcome = status === null ? undefined : OUTCOME_OF[status];
    if (outcome) row[outcome] += count;
  }
  return [...rows.values()].map((row) => ({
    ...row,
    failureRate: rateOf(row.succeeded, row.failed),
  }));
}

/** The window's totals and overall failure rate. */
export function outcomeTotals(series: readonly WorkflowBucket[]): OutcomeTotals {
  const sum = (key: 'started' | 'succeeded' | 'failed' | 'cancelled') =>
    series.reduce((total, row) => total + row[key], 0);
  const succeeded = sum('succeeded');
  const failed = sum('failed');
  return {
    started: sum('started'),
    succeeded,
    failed,
    cancelled: sum('cancelled'),
    failureRate: rateOf(succeeded, failed),
  };
}
