/**
 * The control plane's own per-minute history of an app (`GET .../metrics`), re-bucketed to the
 * chart's bucket size: what the overview shows when no executor can answer live.
 */
import { bucketOf, bucketStarts, type TimeWindow } from './time-range';

export interface HistoryPoint {
  /** Bucket start, epoch ms. */
  timeBucket: number;
  metricType: string;
  value: number;
}

export interface HistoryBucket {
  bucket: number;
  /** Workflows created (all names). */
  workflows: number;
  /** Steps completed (all functions). */
  steps: number;
  /** Recoveries the control plane ran. */
  recoveries: number;
}

const FIELD_OF: Readonly<Record<string, 'workflows' | 'steps' | 'recoveries'>> = {
  workflow_count: 'workflows',
  step_count: 'steps',
  recovery_count: 'recoveries',
};

export function historySeries(
  points: readonly HistoryPoint[],
  window: TimeWindow,
): HistoryBucket[] {
  const rows = new Map<number, HistoryBucket>(
    bucketStarts(window).map((bucket) => [
      bucket,
      { bucket, workflows: 0, steps: 0, recoveries: 0 },
    ]),
  );
  for (const point of points) {
    const row = rows.get(bucketOf(point.timeBucket, window.bucketMs));
    const field = FIELD_OF[point.metricType];
    if (row && field) row[field] += point.value;
  }
  return [...rows.values()];
}
