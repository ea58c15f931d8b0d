/**
 * Queue rate limits: at most `limitPerPeriod` starts in any window of `periodSec`, across every
 * process sharing the database. Starts are read from the store (`startedAt`, the database clock
 * the limit is enforced on), so the window checks are exact and cannot flake; that workflows
 * start when the window allows, not at the next poll, shows in a poll interval of an hour.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Podium, QueueOptions } from '../src';
import { PgDriver } from '../src/engine/storage/driver';
import { SqlStorage } from '../src/engine/storage/sql-storage';
import { silentLogger } from '../src/logger';
import { BACKENDS, createTestDatabase } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { watchClaims } from './helpers/storage-watch';
import { deferred, uniqueName, waitFor } from './helpers/util';

/** The most starts inside any window [t, t + periodMs). */
function busiestWindow(starts: number[], periodMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  return Math.max(
    ...sorted.map((from) => sorted.filter((t) => t >= from && t < from + periodMs).length),
  );
}

/** Start times of a queue's workflows, after checking they all succeeded. */
async function startsOf(podium: Podium, queueName: string, expected: number): Promise<number[]> {
  const statuses = await podium.listWorkflows({ queueName });
  expect(statuses.map((status) => status.status)).toEqual(Array(expected).fill('SUCCESS'));
  return statuses.map((status) => status.startedAt ?? Number.NaN);
}

/** Counts how many workflows run at once. */
class Gauge {
  private running = 0;
  max = 0;
  started = 0;
  /** Every workflow runs until it resolves. */
  open: Promise<void> = Promise.resolve();
  async hold(): Promise<void> {
    this.started++;
    this.max = Math.max(this.max, ++this.running);
    await this.open;
    this.running--;
  }
}

function defineApp(podium: Podium, queue: QueueOptions, gauge = new Gauge(), name = 'job') {
  podium.queue('metered', queue);
  const job = podium.workflow(name, async (ctx, n: number) => {
    await ctx.step('work', () => gauge.hold());
    return n;
  });
  return { job, gauge };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.each(BACKENDS.map((make) => make()))('queue rate limits on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());

  it('starts at most limitPerPeriod workflows in any period, and the rest as soon as allowed', async () => {
    const limit = 3;
    // A poll an hour apart: held-back workflows finish within the test only if they start when
    // the window has room, not at the next regular poll.
    const { podium, job } = await harness.launch(
      (p) => defineApp(p, { rateLimit: { limitPerPeriod: limit, periodSec: 1 } }),
      { appName: uniqueName('app'), queuePollIntervalMs: 60 * 60_000 },
    );
    const handles = await Promise.all(
      range(3 * limit).map((n) => job.start([n], { queueName: 'metered' })),
    );
    // Only a hang guard: they finish in about two periods, or after the hour-long poll.
    const results = handles.map((handle) => handle.getResult({ timeoutMs: 30_000 }));
    expect(await Promise.all(results)).toEqual(range(3 * limit));
    const starts = await startsOf(podium, 'metered', 3 * limit);
    expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(limit);
    // Three full windows: the last batch cannot start before two periods have passed.
    const span = Math.max(...starts) - Math.min(...starts);
    expect(span).toBeGreaterThanOrEqual(2000);
  });

  it('shares the limit between processes', async () => {
    const appName = uniqueName('app');
    const queue = { rateLimit: { limitPerPeriod: 2, periodSec: 0.5 } };
    // Each process runs only its own workflow, so both must take part in every window.
    const a = await harness.launch((p) => defineApp(p, queue, new Gauge(), 'job-a'), {
      appName,
      executorId: 'a',
      applicationVersion: 'v1',
    });
    const b = await harness.launch((p) => defineApp(p, queue, new Gauge(), 'job-b'), {
      appName,
      executorId: 'b',
      applicationVersion: 'v1',
    });
    const handles = await Promise.all(
      range(3).flatMap((n) => [
        a.job.start([n], { queueName: 'metered' }),
        b.job.start([n], { queueName: 'metered' }),
      ]),
    );
    await Promise.all(handles.map((handle) => handle.getResult()));
    const statuses = await a.podium.listWorkflows({ queueName: 'metered' });
    expect(new Set(statuses.map((status) => status.executorId))).toEqual(new Set(['a', 'b']));
    const starts = await startsOf(a.podium, 'metered', 6);
    // Per-process limits would have let 4 start at once.
    expect(busiestWindow(starts, 500)).toBeLessThanOrEqual(2);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(1000);
  });

  it('applies a concurrency limit and a rate limit together', async () => {
    const { podium, job, gauge } = await harness.launch(
      (p) => defineApp(p, { concurrency: 1, rateLimit: { limitPerPeriod: 2, periodSec: 0.5 } }),
      { appName: uniqueName('app') },
    );
    const claims = watchClaims();
    const release = deferred();
    gauge.open = release.promise;
    try {
      const handles = await Promise.all(
        range(6).map((n) => job.start([n], { queueName: 'metered' })),
      );
      await waitFor(() => gauge.started >= 1);
      // One is held running. A dequeue that began since saw it, and five waiting: the rate
      // limit alone would have let another start.
      await claims.nextClaim('metered');
      const pending = await podium.listWorkflows({ queueName: 'metered', status: 'PENDING' });
      expect(pending).toHaveLength(1);
      release.resolve();
      await Promise.all(handles.map((handle) => handle.getResult()));
    } finally {
      release.resolve();
    }
    expect(gauge.max).toBe(1);
    const starts = await startsOf(podium, 'metered', 6);
    expect(busiestWindow(starts, 500)).toBeLessThanOrEqual(2);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(1000);
  });

  it('refuses invalid rate limits', () => {
    const podium = harness.podium({ appName: uniqueName('app') });
    const bad = (rateLimit: unknown) => () =>
      podium.queue(uniqueName('q'), { rateLimit } as QueueOptions);
    expect(bad({ limitPerPeriod: 0, periodSec: 1 })).toThrow(/limitPerPeriod must be/);
    expect(bad({ limitPerPeriod: 1.5, periodSec: 1 })).toThrow(/limitPerPeriod must be/);
    expect(bad({ limitPerPeriod: 1, periodSec: 0 })).toThrow(/periodSec must be/);
    expect(bad({ limitPerPeriod: 1, periodSec: Infinity })).toThrow(/periodSec must be/);
    expect(bad({ limitPerPeriod: 1 })).toThrow(/periodSec must be/);
    expect(bad(null)).toThrow(/rateLimit must be an object/);
    expect(() =>
      podium.queue('ok', { rateLimit: { limitPerPeriod: 1, periodSec: 0.25 } }),
    ).not.toThrow();
  });
});

describe('rate-limited dequeues racing on postgres', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('never claims more than the limit, however many dequeuers race', async () => {
    // Six "processes" (own pools), four dequeues each, all at once.
    const storages = range(6).map(
      () => new SqlStorage(PgDriver.connect(db.url, 4, silentLogger), 'podium'),
    );
    try {
      await storages[0]?.migrate();
      // Rounds on fresh queues (each its own window), so a missing lock cannot hide by luck.
      for (const round of range(5)) {
        const queueName = `metered-${round}`;
        for (const n of range(20)) {
          await storages[0]?.insertWorkflow({
            workflowId: `${queueName}-${n}`,
            name: 'job',
            status: 'ENQUEUED',
            input: '[]',
            executorId: null,
            applicationVersion: 'v1',
            applicationName: 'race',
            queueName,
            authenticatedUser: null,
            parentWorkflowId: null,
            priority: 0,
            timeoutMs: null,
            deduplicationId: null,
            queuePartitionKey: null,
            delayUntilEpochMs: null,
          });
        }
        const queue = { name: queueName, rateLimit: { limitPerPeriod: 5, periodSec: 60 } };
        const began = Date.now();
        const results = await Promise.all(
          storages.flatMap((storage, i) =>
            range(4).map(() =>
              storage.claimEnqueued(
                { executorId: `e${i}`, applicationVersion: 'v1', applicationName: 'race' },
                ['job'],
                queue,
                50,
              ),
            ),
          ),
        );
        const ended = Date.now();
        expect(results.reduce((sum, result) => sum + result.records.length, 0)).toBe(5);
        // Every dequeue learns when the window has room again: a minute after the five started,
        // counted from its own transaction's start (`now()`), which lies between `began` and
        // `ended` on the same clock (+1: the database rounds to the millisecond).
        const startedAt = Math.min(
          ...results.flatMap((r) => r.records.map((w) => w.startedAt ?? NaN)),
        );
        for (const { nextSlotInMs } of results) {
          expect(nextSlotInMs).toBeGreaterThanOrEqual(startedAt + 60_000 - (ended + 1));
          expect(nextSlotInMs).toBeLessThanOrEqual(startedAt + 60_000 - began);
        }
      }
    } finally {
      await Promise.all(storages.map((storage) => storage.close()));
    }
  });
});
