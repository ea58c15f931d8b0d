/**
 * The options of an enqueue, on both backends: deduplication ids, partitioned queues (limits
 * per partition key) and delayed starts, as DBOS Transact offers them. Waits are barriers (a
 * claim that began after the state under test, a step that reports it runs), never pauses.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidOperationError,
  type Podium,
  QueueDeduplicatedError,
  WorkflowNotFoundError,
} from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { watchClaims } from './helpers/storage-watch';
import { deferred, uniqueName, waitFor } from './helpers/util';

const HOUR_MS = 3_600_000;

/** Records which jobs run, and how many at once per partition (the label's first letter). */
class Timeline {
  readonly order: string[] = [];
  private readonly running = new Map<string, number>();
  readonly maxRunning = new Map<string, number>();
  hold: Promise<void> | undefined;
  async run(label: string): Promise<void> {
    const partition = label.slice(0, 1);
    this.order.push(label);
    const now = (this.running.get(partition) ?? 0) + 1;
    this.running.set(partition, now);
    this.maxRunning.set(partition, Math.max(now, this.maxRunning.get(partition) ?? 0));
    await this.hold;
    this.running.set(partition, (this.running.get(partition) ?? 1) - 1);
  }
}

function defineApp(podium: Podium, timeline: Timeline) {
  podium.queue('jobs');
  podium.queue('serial', { concurrency: 1 });
  podium.queue('tenants', { partitionConcurrency: 1 });
  podium.queue('capped-tenants', { concurrency: 2, partitionConcurrency: 2 });
  podium.queue('metered-tenants', {
    partitionRateLimit: { limitPerPeriod: 1, periodSec: 3600 },
  });
  const job = podium.workflow('job', async (ctx, label: string) => {
    await ctx.step('work', () => timeline.run(label));
    return label;
  });
  const parent = podium.workflow('parent', async (ctx, deduplicationId: string) => {
    try {
      const child = await ctx.startWorkflow(job, ['child'], {
        queueName: 'serial',
        deduplicationId,
      });
      return await child.getResult();
    } catch (error) {
      return `refused: ${(error as { code?: string }).code}`;
    }
  });
  return { job, parent };
}

describe.each(BACKENDS.map((make) => make()))('queue options on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());

  async function launch() {
    const timeline = new Timeline();
    const podium = harness.podium({ appName: uniqueName('app') });
    const app = defineApp(podium, timeline);
    await podium.launch();
    // One prefix per test: ids then sort like their labels (the tie-break of equal created_at).
    const prefix = uniqueName('wf');
    return { podium, timeline, ...app, id: (label: string) => `${prefix}-${label}` };
  }

  it('refuses a second enqueue with the same deduplication id until the first finishes', async () => {
    const { podium, timeline, job, id } = await launch();
    const release = deferred();
    timeline.hold = release.promise;
    const [first, second] = [id('a'), id('b')];
    const dedup = { queueName: 'jobs', deduplicationId: 'order-7' };
    try {
      const holder = await job.start(['a'], { ...dedup, workflowId: first });
      await waitFor(() => timeline.order.includes('a'));
      const refusal: unknown = await job
        .start(['b'], { ...dedup, workflowId: second })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(QueueDeduplicatedError);
      expect(refusal).toMatchObject({
        code: 'QUEUE_DEDUPLICATED',
        workflowId: second,
        queueName: 'jobs',
        deduplicationId: 'order-7',
        existingWorkflowId: first,
      });
      expect(await podium.getWorkflowStatus(second)).toBeNull();
      // The same workflow id again is the same workflow, not a duplicate.
      expect((await job.start(['a'], { ...dedup, workflowId: first })).workflowId).toBe(first);
      // Ids are per queue.
      const elsewhere = await job.start(['c'], { queueName: 'serial', deduplicationId: 'order-7' });
      expect((await podium.getWorkflowStatus(first))?.deduplicationId).toBe('order-7');

      release.resolve();
      expect(await holder.getResult()).toBe('a');
      expect(await elsewhere.getResult()).toBe('c');
      expect((await podium.getWorkflowStatus(first))?.deduplicationId).toBeNull();
      const again = await job.start(['b'], { ...dedup, workflowId: second });
      expect(await again.getResult()).toBe('b');
    } finally {
      release.resolve();
    }
  });

  it('holds a deduplication id across partitions until its holder is cancelled', async () => {
    const { podium, job, id } = await launch();
    const dedup = { queueName: 'tenants', deduplicationId: 'nightly' };
    const held = await job.start(['a'], {
      ...dedup,
      queuePartitionKey: 'acme',
      delayUntil: Date.now() + HOUR_MS,
      workflowId: id('held'),
    });
    await expect(
      job.start(['b'], { ...dedup, queuePartitionKey: 'globex', workflowId: id('b') }),
    ).rejects.toBeInstanceOf(QueueDeduplicatedError);
    await podium.cancelWorkflow(held.workflowId);
    expect(await held.getStatus()).toMatchObject({ status: 'CANCELLED', deduplicationId: null });
    const next = await job.start(['b'], { ...dedup, queuePartitionKey: 'globex' });
    expect(await next.getResult()).toBe('b');
  });

  it('records a child start refused for its deduplication id, so replays meet the same refusal', async () => {
    const { podium, job, parent, id } = await launch();
    const holder = await job.start(['x'], {
      queueName: 'serial',
      deduplicationId: 'once',
      delayUntil: Date.now() + HOUR_MS,
      workflowId: id('holder'),
    });
    const refused = await parent.start(['once'], { workflowId: id('parent') });
    expect(await refused.getResult()).toBe('refused: QUEUE_DEDUPLICATED');
    const [step] = (await podium.listSteps(refused.workflowId)) ?? [];
    expect(step).toMatchObject({
      functionId: 0,
      functionName: 'job',
      childWorkflowId: null,
      error: { code: 'QUEUE_DEDUPLICATED' },
    });
    // The id is free now, yet a re-execution keeping step 0 replays the refusal.
    await podium.cancelWorkflow(holder.workflowId);
    const replayed = await podium.forkWorkflow<string>(refused.workflowId, 1);
    expect(await replayed.getResult()).toBe('refused: QUEUE_DEDUPLICATED');
    // Without a holder, the same parent code starts its child.
    expect(await parent(uniqueName('free'))).toBe('child');
  });

  it('runs at most partitionConcurrency workflows of each partition, partitions side by side', async () => {
    const { podium, timeline, job, id } = await launch();
    const claims = watchClaims();
    const release = deferred();
    timeline.hold = release.promise;
    try {
      const handles = [];
      for (const label of ['a1', 'a2', 'b1', 'b2']) {
        const options = { queueName: 'tenants', queuePartitionKey: label.slice(0, 1) };
        handles.push(await job.start([label], { ...options, workflowId: id(label) }));
      }
      await waitFor(() => timeline.order.length >= 2);
      // A claim that began with one of each partition running would have taken a third.
      await claims.nextClaim('tenants');
      const pending = await podium.listWorkflows({ queueName: 'tenants', status: 'PENDING' });
      expect(pending.map((w) => w.queuePartitionKey).sort()).toEqual(['a', 'b']);
      expect([...timeline.order].sort()).toEqual(['a1', 'b1']);
      release.resolve();
      expect(await Promise.all(handles.map((h) => h.getResult()))).toEqual([
        'a1',
        'a2',
        'b1',
        'b2',
      ]);
    } finally {
      release.resolve();
    }
    expect(Object.fromEntries(timeline.maxRunning)).toEqual({ a: 1, b: 1 });
  });

  it('applies the queue-wide limits across partitions', async () => {
    const { podium, timeline, job, id } = await launch();
    const claims = watchClaims();
    const release = deferred();
    timeline.hold = release.promise;
    try {
      const handles = [];
      for (const label of ['a1', 'a2', 'b1', 'b2']) {
        const options = { queueName: 'capped-tenants', queuePartitionKey: label.slice(0, 1) };
        handles.push(await job.start([label], { ...options, workflowId: id(label) }));
      }
      await waitFor(() => timeline.order.length >= 2);
      await claims.nextClaim('capped-tenants');
      // Oldest first across partitions, two in all (concurrency 2).
      expect([...timeline.order].sort()).toEqual(['a1', 'a2']);
      const enqueued = await podium.listWorkflows({
        queueName: 'capped-tenants',
        status: 'ENQUEUED',
      });
      expect(enqueued).toHaveLength(2);
      release.resolve();
      await Promise.all(handles.map((h) => h.getResult()));
    } finally {
      release.resolve();
    }
  });

  it('limits the starts of each partition with partitionRateLimit', async () => {
    const { podium, job, id } = await launch();
    const claims = watchClaims();
    const metered = (label: string) =>
      job.start([label], {
        queueName: 'metered-tenants',
        queuePartitionKey: label.slice(0, 1),
        workflowId: id(label),
      });
    const a1 = await metered('a1');
    const a2 = await metered('a2');
    const b1 = await metered('b1');
    expect(await Promise.all([a1.getResult(), b1.getResult()])).toEqual(['a1', 'b1']);
    await claims.nextClaim('metered-tenants');
    // Partition a used its one start of the hour; b's start did not count against it.
    expect((await a2.getStatus())?.status).toBe('ENQUEUED');
    await podium.cancelWorkflow(a2.workflowId);
  });

  it('refuses partition keys where they do not belong, and enqueue options without a queue', async () => {
    const { podium, job } = await launch();
    const refusals = [
      job.start(['x'], { queueName: 'tenants' }),
      job.start(['x'], { queueName: 'jobs', queuePartitionKey: 'acme' }),
      job.start(['x'], { deduplicationId: 'd' }),
      job.start(['x'], { delayMs: 10 }),
      job.start(['x'], { queueName: 'jobs', delayMs: 10, delayUntil: Date.now() }),
      job.start(['x'], { queueName: 'jobs', delayMs: -1 }),
      job.start(['x'], { queueName: 'jobs', deduplicationId: '' }),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toBeInstanceOf(InvalidOperationError);
    expect(await podium.listWorkflows()).toEqual([]);
    // A fork may go into a partition.
    const done = await job.start(['f']);
    await done.getResult();
    await expect(
      podium.forkWorkflow(done.workflowId, 0, { queueName: 'tenants' }),
    ).rejects.toBeInstanceOf(InvalidOperationError);
    const fork = await podium.forkWorkflow<string>(done.workflowId, 0, {
      queueName: 'tenants',
      queuePartitionKey: 'acme',
    });
    expect(await fork.getResult()).toBe('f');
    expect((await fork.getStatus())?.queuePartitionKey).toBe('acme');
  });

  it('keeps a delayed workflow DELAYED until its time, then enqueues and runs it', async () => {
    const { podium, job, timeline, id } = await launch();
    const later = await job.start(['late'], {
      queueName: 'serial',
      delayUntil: new Date(Date.now() + HOUR_MS),
      workflowId: id('late'),
    });
    const delayed = await later.getStatus();
    expect(delayed).toMatchObject({ status: 'DELAYED', startedAt: null });
    expect(delayed?.delayUntilEpochMs).toBeGreaterThan(Date.now());
    const listed = await podium.listWorkflows({ status: 'DELAYED', queuesOnly: true });
    expect(listed.map((w) => w.workflowId)).toEqual([later.workflowId]);
    expect(timeline.order).toEqual([]);

    await podium.setWorkflowDelay(later.workflowId, { delayMs: 50 });
    expect(await later.getResult()).toBe('late');
    const ran = await later.getStatus();
    expect(ran?.startedAt).toBeGreaterThanOrEqual(ran?.delayUntilEpochMs ?? Infinity);

    // A delay of its own, and a time already past.
    const short = await job.start(['short'], { queueName: 'jobs', delayMs: 100 });
    expect(await short.getResult()).toBe('short');
    const shortRun = await short.getStatus();
    expect(shortRun?.startedAt).toBeGreaterThanOrEqual(shortRun?.delayUntilEpochMs ?? Infinity);
    const past = await job.start(['past'], { queueName: 'jobs', delayUntil: Date.now() - 1000 });
    expect((await past.getStatus())?.delayUntilEpochMs).toBeNull();
    expect(await past.getResult()).toBe('past');
    await expect(podium.setWorkflowDelay('nope', { delayMs: 1 })).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('runs a delayed workflow whose delay another process moved, and never a cancelled one', async () => {
    const { podium, job, timeline, id } = await launch();
    // Another application on the same database: it moves the delay but never runs the job.
    const other = harness.podium({ appName: uniqueName('other') });
    await other.launch();
    const moved = await job.start(['moved'], {
      queueName: 'jobs',
      delayMs: HOUR_MS,
      workflowId: id('moved'),
    });
    const cancelled = await job.start(['cancelled'], {
      queueName: 'jobs',
      delayMs: HOUR_MS,
      workflowId: id('cancelled'),
    });
    await podium.cancelWorkflow(cancelled.workflowId);
    await other.setWorkflowDelay(cancelled.workflowId, { delayMs: 0 });
    await other.setWorkflowDelay(moved.workflowId, { delayMs: 0 });
    expect(await moved.getResult()).toBe('moved');
    expect((await cancelled.getStatus())?.status).toBe('CANCELLED');
    expect(timeline.order).toEqual(['moved']);
  });
});
