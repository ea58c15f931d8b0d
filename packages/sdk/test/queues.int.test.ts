import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidOperationError, type Podium } from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { watchClaims } from './helpers/storage-watch';
import { deferred, uniqueName, waitFor } from './helpers/util';

/** Records when each job runs, to check how many ran at once. */
class Timeline {
  readonly order: string[] = [];
  private running = 0;
  maxRunning = 0;
  /** When set, every job runs until it resolves. */
  hold: Promise<void> | undefined;
  async run(label: string): Promise<void> {
    this.order.push(label);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await this.hold;
    this.running--;
  }
}

function defineApp(podium: Podium, timeline: Timeline, gate = deferred()) {
  podium.queue('serial', { concurrency: 1 });
  podium.queue('pair', { workerConcurrency: 2 });
  const job = podium.workflow('job', async (ctx, label: string) => {
    await ctx.step('work', () => timeline.run(label));
    return label;
  });
  const blocker = podium.workflow('blocker', async (ctx) => {
    await ctx.step('block', async () => {
      timeline.order.push('blocker');
      await gate.promise;
    });
  });
  return { job, blocker, gate };
}

describe.each(BACKENDS.map((make) => make()))('queues on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());

  it('runs one workflow at a time across executors on a queue with concurrency 1', async () => {
    const timeline = new Timeline();
    const appName = uniqueName('app');
    const a = harness.podium({ appName, executorId: 'a' });
    const b = harness.podium({ appName, executorId: 'b' });
    const { job } = defineApp(a, timeline);
    defineApp(b, timeline);
    await Promise.all([a.launch(), b.launch()]);
    const claims = watchClaims();
    const release = deferred();
    timeline.hold = release.promise;
    try {
      const handles = await Promise.all(
        ['j1', 'j2', 'j3', 'j4'].map((label) => job.start([label], { queueName: 'serial' })),
      );
      await waitFor(() => timeline.order.length >= 1);
      // One is held running. A dequeue by each executor that began since saw it: were the
      // limit per executor, or not kept, one of them would have claimed another.
      await Promise.all([claims.nextClaim('serial', 'a'), claims.nextClaim('serial', 'b')]);
      const pending = await a.listWorkflows({ queueName: 'serial', status: 'PENDING' });
      expect(pending).toHaveLength(1);
      release.resolve();
      expect(await Promise.all(handles.map((handle) => handle.getResult()))).toEqual([
        'j1',
        'j2',
        'j3',
        'j4',
      ]);
    } finally {
      release.resolve();
    }
    expect(timeline.maxRunning).toBe(1);
    const statuses = await a.listWorkflows({ queueName: 'serial' });
    expect(statuses.map((status) => status.status)).toEqual(Array(4).fill('SUCCESS'));
  });

  it('dequeues lower priority numbers first', async () => {
    const timeline = new Timeline();
    const podium = harness.podium({ appName: uniqueName('app') });
    const { job, blocker, gate } = defineApp(podium, timeline);
    await podium.launch();
    const blocking = await blocker.start([], { queueName: 'serial' });
    try {
      await waitFor(() => timeline.order.includes('blocker'));
      // Ids sort like creation order, so the listing order is fixed even if created_at ties.
      const prefix = uniqueName('prio');
      const options = (priority: number, n: number) => ({
        queueName: 'serial',
        priority,
        workflowId: `${prefix}-${n}`,
      });
      const low = await job.start(['low'], options(10, 1));
      const high = await job.start(['high'], options(1, 2));
      const waiting = await podium.listWorkflows({ queueName: 'serial', status: 'ENQUEUED' });
      expect(waiting.map((status) => [status.workflowId, status.priority])).toEqual([
        [low.workflowId, 10],
        [high.workflowId, 1],
      ]);
      gate.resolve();
      await Promise.all([blocking.getResult(), low.getResult(), high.getResult()]);
      expect(timeline.order).toEqual(['blocker', 'high', 'low']);
    } finally {
      gate.resolve();
    }
  });

  it('limits how many workflows of a queue one executor runs at once', async () => {
    const timeline = new Timeline();
    const podium = harness.podium({ appName: uniqueName('app') });
    const { job } = defineApp(podium, timeline);
    await podium.launch();
    const claims = watchClaims();
    const release = deferred();
    timeline.hold = release.promise;
    try {
      const handles = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => job.start([`p${n}`], { queueName: 'pair' })),
      );
      await waitFor(() => timeline.order.length >= 2);
      // Two are held running. A dequeue that began since saw them and, were the limit not
      // kept, would have claimed a third.
      await claims.nextClaim('pair');
      const pending = await podium.listWorkflows({ queueName: 'pair', status: 'PENDING' });
      expect(pending).toHaveLength(2);
      expect(timeline.order).toHaveLength(2);
      release.resolve();
      await Promise.all(handles.map((handle) => handle.getResult()));
      expect(timeline.order).toHaveLength(5);
      expect(timeline.maxRunning).toBe(2);
    } finally {
      release.resolve();
    }
  });

  it('refuses queues that are not registered, and late registrations', async () => {
    const podium = harness.podium({ appName: uniqueName('app') });
    const { job } = defineApp(podium, new Timeline());
    expect(() => podium.queue('serial')).toThrow(InvalidOperationError);
    expect(() => podium.queue('bad', { concurrency: 0 })).toThrow(/positive integer/);
    await podium.launch();
    await expect(job.start(['x'], { queueName: 'nope' })).rejects.toBeInstanceOf(
      InvalidOperationError,
    );
    expect(() => podium.queue('late')).toThrow(/after launch/);
  });
});
