import { describe, expect, it } from 'vitest';
import { executorsByVersion } from './executor-versions';
import { historySeries } from './history-series';
import { queueBacklog } from './queue-backlog';

const minute = 60_000;

describe('stored history', () => {
  it('sums per-minute points into the chart’s wider buckets by metric type', () => {
    const window = { start: 0, end: 20 * minute, bucketMs: 10 * minute };
    const series = historySeries(
      [
        { timeBucket: 1 * minute, metricType: 'workflow_count', value: 2 },
        { timeBucket: 9 * minute, metricType: 'workflow_count', value: 3 },
        { timeBucket: 9 * minute, metricType: 'step_count', value: 4 },
        { timeBucket: 12 * minute, metricType: 'recovery_count', value: 1 },
        { timeBucket: 12 * minute, metricType: 'something_new', value: 9 },
      ],
      window,
    );
    expect(series).toEqual([
      { bucket: 0, workflows: 5, steps: 4, recoveries: 0 },
      { bucket: 10 * minute, workflows: 0, steps: 0, recoveries: 1 },
    ]);
  });
});

describe('executors by version', () => {
  it('counts an executor in every bucket its connection overlaps', () => {
    const window = { start: 0, end: 4 * minute, bucketMs: minute };
    const series = executorsByVersion(
      [
        { version: 'v1', connectedAt: 0, endedAt: 2 * minute + 1 },
        { version: 'v2', connectedAt: 2 * minute + 30_000, endedAt: null },
        { version: 'v2', connectedAt: 3 * minute, endedAt: null },
        { version: 'v0', connectedAt: -10 * minute, endedAt: -5 * minute }, // before the window
      ],
      window,
    );
    expect(series.versions).toEqual(['v1', 'v2']);
    expect(series.rows.map((row) => row.counts)).toEqual([
      { v1: 1, v2: 0 },
      { v1: 1, v2: 0 },
      { v1: 1, v2: 1 },
      { v1: 0, v2: 2 },
    ]);
  });
});

describe('queue backlog', () => {
  it('gives depth and the oldest wait per declared queue, deepest first', () => {
    const now = 100_000;
    const backlog = queueBacklog(
      [
        { queueName: 'emails', count: 1, minCreatedAt: 90_000 },
        { queueName: 'media', count: 4, minCreatedAt: 40_000 },
        { queueName: '_dbos_internal_queue', count: 9, minCreatedAt: 0 },
        { queueName: null, count: 2, minCreatedAt: 0 },
      ],
      now,
      (name) => name.startsWith('_'),
    );
    expect(backlog).toEqual([
      { queueName: 'media', depth: 4, oldestAgeMs: 60_000 },
      { queueName: 'emails', depth: 1, oldestAgeMs: 10_000 },
    ]);
  });
});
