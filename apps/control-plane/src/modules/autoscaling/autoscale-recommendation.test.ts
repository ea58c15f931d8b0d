import { describe, expect, it } from 'vitest';
import {
  recommendExecutors,
  scalingRefusal,
  type AutoscaleInputs,
} from './autoscale-recommendation';

const versions = [
  { versionName: 'v3', latest: true },
  { versionName: 'v2', latest: false },
  { versionName: 'v1', latest: false },
];

function inputs(overrides: Partial<AutoscaleInputs> = {}): AutoscaleInputs {
  return {
    versions,
    backlog: new Map([
      ['v3', 7],
      ['v2', 5],
      ['v1', 0],
    ]),
    workerConcurrency: 2,
    queueName: 'jobs',
    rollout: undefined,
    observedAt: 1_700_000_000_000,
    ...overrides,
  };
}

describe('recommendExecutors', () => {
  it('reports only the latest version by default: its backlog over the worker concurrency, rounded up', () => {
    expect(recommendExecutors(inputs())).toEqual([
      {
        applicationVersion: 'v3',
        isLatest: true,
        desiredExecutors: 4,
        queueDepth: 7,
        observedAt: 1_700_000_000_000,
        queueName: 'jobs',
      },
    ]);
  });

  it('adds old versions newest first, sized by their own backlog, at least one each', () => {
    const rows = recommendExecutors(inputs({ rollout: { maxOldApplicationVersions: 5 } }));
    expect(rows.map((r) => [r.applicationVersion, r.desiredExecutors, r.isLatest])).toEqual([
      ['v3', 4, true],
      ['v2', 3, false],
      ['v1', 1, false],
    ]);
  });

  it('caps old versions (a cap of 0 drains them) but never the latest', () => {
    const capped = recommendExecutors(
      inputs({
        rollout: { maxOldApplicationVersions: 1, maxExecutorsForOldApplicationVersions: 2 },
      }),
    );
    expect(capped.map((r) => [r.applicationVersion, r.desiredExecutors])).toEqual([
      ['v3', 4],
      ['v2', 2],
    ]);
    const drained = recommendExecutors(
      inputs({
        rollout: { maxOldApplicationVersions: 2, maxExecutorsForOldApplicationVersions: 0 },
      }),
    );
    expect(drained.map((r) => r.desiredExecutors)).toEqual([4, 0, 0]);
  });

  it('takes the version flagged latest even when it is not the first', () => {
    const rows = recommendExecutors(
      inputs({
        versions: [
          { versionName: 'v3', latest: false },
          { versionName: 'v2', latest: true },
        ],
      }),
    );
    expect(rows).toMatchObject([{ applicationVersion: 'v2', isLatest: true, queueDepth: 5 }]);
  });

  it('asks for one executor and names no queue when the queue is no longer usable', () => {
    expect(recommendExecutors(inputs({ workerConcurrency: null }))).toEqual([
      {
        applicationVersion: 'v3',
        isLatest: true,
        desiredExecutors: 1,
        queueDepth: 7,
        observedAt: 1_700_000_000_000,
      },
    ]);
  });

  it('reports nothing when no version is known', () => {
    expect(recommendExecutors(inputs({ versions: [] }))).toEqual([]);
  });
});

describe('scalingRefusal', () => {
  const queue = { name: 'jobs', worker_concurrency: 2 };
  it('accepts a queue with a worker concurrency that is not partitioned', () => {
    expect(scalingRefusal(queue)).toBeNull();
  });
  it('names what is wrong otherwise', () => {
    expect(scalingRefusal(null)).toBe('does not exist');
    expect(scalingRefusal({ ...queue, partition_queue: true })).toBe('is partitioned');
    expect(scalingRefusal({ name: 'jobs', concurrency: 1 })).toBe('has no worker concurrency set');
  });
});
