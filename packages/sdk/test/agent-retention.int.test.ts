/**
 * `retention` as DBOS TypeScript 5 answers it: `success: true` at once, the round in the
 * background (skipped while one runs); garbage collection by completion time, in batches,
 * keeping the newest N with a rows threshold; then timeouts that cancel old active workflows.
 * Rounds are awaited through the engine's own promise, never guessed at.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Podium, WorkflowCancelledError } from '../src';
import { Maintenance, type RetentionOutcome } from '../src/engine/maintenance';
import { SqlAdmin } from '../src/engine/storage/sql-admin';
import { connectApp } from './helpers/agent-app';
import { BACKENDS, postgresBackend } from './helpers/backends';
import { FakeConductor } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { deferred, untilClockPasses, waitFor } from './helpers/util';

function defineApp(podium: Podium) {
  podium.queue('serial', { concurrency: 1 });
  const echo = podium.workflow('echo', (ctx, value: string) => ctx.step('say', () => value));
  const waiter = podium.workflow('waiter', async (ctx, topic: string) => {
    await ctx.step('begin', () => 'waiting');
    return (await ctx.recv<string>(topic, 600_000)) ?? 'timed out';
  });
  /** Awaits a child, then waits for a message: its replay reads the child's result again. */
  const parent = podium.workflow('parent', async (ctx, topic: string) => {
    const said = await (await ctx.startWorkflow(echo, ['from the child'])).getResult();
    return `${said}, then ${(await ctx.recv<string>(topic, 600_000)) ?? 'timed out'}`;
  });
  return { echo, waiter, parent };
}

/** The outcome of every retention round begun from now on, in order. */
function watchRounds(): (index: number) => Promise<RetentionOutcome> {
  const spy = vi.spyOn(Maintenance.prototype, 'retention');
  return (index) =>
    waitFor(() => spy.mock.results[index], 10_000, `retention round ${index}`).then(
      (result) => result.value as Promise<RetentionOutcome>,
    );
}

describe.each(BACKENDS.map((make) => make()))('retention on $name', (backend) => {
  const harness = useHarness(backend);
  let conductor: FakeConductor;
  beforeAll(async () => (conductor = await FakeConductor.start()));
  afterAll(() => conductor.close());
  afterEach(() => vi.restoreAllMocks());
  const connect = () => connectApp(harness, conductor, defineApp);
  const ids = async (podium: Podium) => (await podium.listWorkflows()).map((w) => w.workflowId);

  it('answers at once, then collects finished workflows in batches, never active ones', async () => {
    const { podium, link, echo, waiter, appName } = await connect();
    for (const n of [1, 2, 3, 4, 5]) await echo(`e${n}`);
    await waiter.start(['never'], { workflowId: `${appName}-active` });
    const rounds = watchRounds();
    // Hold the collection: the answer must not wait for it.
    const gate = deferred();
    const collect = Object.getOwnPropertyDescriptor(SqlAdmin.prototype, 'garbageCollect')
      ?.value as SqlAdmin['garbageCollect'];
    vi.spyOn(SqlAdmin.prototype, 'garbageCollect').mockImplementation(async function (
      this: SqlAdmin,
      ...args
    ) {
      await gate.promise;
      return collect.apply(this, args);
    });
    const answer = await link.request('retention', {
      body: { gc_cutoff_epoch_ms: Date.now() + 60_000, gc_batch_size: 2 },
    });
    expect(answer).toEqual({ type: 'retention', request_id: answer.request_id, success: true });
    gate.resolve();
    expect(await rounds(0)).toEqual({ status: 'done', deleted: 5, cancelled: 0 });
    expect(await ids(podium)).toEqual([`${appName}-active`]);
  });

  it('keeps the newest N completed workflows with a rows threshold; the later cutoff wins', async () => {
    const { podium, link, echo, appName } = await connect();
    for (const n of [1, 2, 3, 4]) {
      const handle = await echo.start([`e${n}`], { workflowId: `${appName}-${n}` });
      await handle.getResult();
      await untilClockPasses((await handle.getStatus())?.completedAt ?? Number.NaN);
    }
    const rounds = watchRounds();
    await link.request('retention', { body: { gc_rows_threshold: 2, gc_cutoff_epoch_ms: 1 } });
    expect(await rounds(0)).toMatchObject({ status: 'done', deleted: 2 });
    expect(await ids(podium)).toEqual([`${appName}-3`, `${appName}-4`]);
    // More rows allowed than there are: nothing on that account, and the cutoff alone rules.
    await link.request('retention', { body: { gc_rows_threshold: 10, gc_cutoff_epoch_ms: 1 } });
    expect(await rounds(1)).toMatchObject({ status: 'done', deleted: 0 });
    expect(await ids(podium)).toHaveLength(2);
  });

  it('keeps a finished child while its parent may still run (active, or cancelled: resumable)', async () => {
    const { podium, link, parent, appName } = await connect();
    const handle = await parent.start(['go'], { workflowId: `${appName}-parent` });
    const child = podium.retrieveWorkflow<string>(`${appName}-parent-0`);
    await waitFor(async () => (await child.getStatus())?.status === 'SUCCESS');
    // The parent has read the child's result and waits for its message.
    await waitFor(async () => ((await podium.listSteps(handle.workflowId)) ?? []).length >= 2);
    const childDone = (await child.getStatus())?.completedAt ?? Number.NaN;
    await untilClockPasses(childDone);
    const cutoff = Date.now(); // after the child's completion, before the parent's cancel
    const rounds = watchRounds();
    await link.request('retention', { body: { gc_cutoff_epoch_ms: cutoff } });
    expect(await rounds(0)).toMatchObject({ status: 'done', deleted: 0 });
    await untilClockPasses(cutoff);
    await podium.cancelWorkflow(handle.workflowId);
    await link.request('retention', { body: { gc_cutoff_epoch_ms: cutoff } });
    expect(await rounds(1)).toMatchObject({ status: 'done', deleted: 0 });
    // Resumed, the parent replays its read of the child's result, then gets its message.
    await podium.resumeWorkflow(handle.workflowId);
    await podium.send(handle.workflowId, 'now', 'go');
    expect(await handle.getResult()).toBe('from the child, then now');
    await link.request('retention', { body: { gc_cutoff_epoch_ms: Date.now() + 60_000 } });
    expect(await rounds(2)).toMatchObject({ status: 'done', deleted: 2 });
    expect(await ids(podium)).toEqual([]);
  });

  it('cancels active workflows created by the timeout cutoff; they complete and free their ids', async () => {
    const { podium, link, waiter, appName } = await connect();
    const running = await waiter.start(['never'], { workflowId: `${appName}-running` });
    await waitFor(async () => (await running.getStatus())?.status === 'PENDING');
    const queued = await waiter.start(['never'], {
      workflowId: `${appName}-queued`,
      queueName: 'serial',
      deduplicationId: 'only-one',
    });
    const cutoff = (await queued.getStatus())?.createdAt ?? Number.NaN;
    await untilClockPasses(cutoff);
    const younger = await waiter.start(['never'], { workflowId: `${appName}-younger` });
    const rounds = watchRounds();
    await link.request('retention', { body: { timeout_cutoff_epoch_ms: cutoff } });
    expect(await rounds(0)).toEqual({ status: 'done', deleted: 0, cancelled: 2 });
    await expect(running.getResult()).rejects.toBeInstanceOf(WorkflowCancelledError);
    for (const handle of [running, queued]) {
      const status = await handle.getStatus();
      expect(status).toMatchObject({ status: 'CANCELLED', deduplicationId: null });
      expect(status?.completedAt).toBeGreaterThanOrEqual(status?.createdAt ?? Infinity);
    }
    expect((await younger.getStatus())?.status).toBe('PENDING');
    // Cancelled workflows are finished: the next collection takes them.
    await link.request('retention', { body: { gc_cutoff_epoch_ms: Date.now() + 60_000 } });
    expect(await rounds(1)).toMatchObject({ status: 'done', deleted: 2 });
    expect(await ids(podium)).toEqual([`${appName}-younger`]);
  });

  it('skips a round while one runs, and a failed collection skips the timeouts', async () => {
    const { link, waiter, appName } = await connect();
    const active = await waiter.start(['never'], { workflowId: `${appName}-active` });
    const rounds = watchRounds();
    const gate = deferred();
    const reached = deferred();
    vi.spyOn(SqlAdmin.prototype, 'garbageCollect').mockImplementationOnce(async () => {
      reached.resolve();
      await gate.promise;
      return 0;
    });
    await link.request('retention', { body: { gc_cutoff_epoch_ms: 1 } });
    await reached.promise;
    await link.request('retention', { body: { gc_cutoff_epoch_ms: 1 } });
    expect(await rounds(1)).toEqual({ status: 'skipped' });
    gate.resolve();
    expect(await rounds(0)).toMatchObject({ status: 'done' });

    // As DBOS: a rows threshold of 0 fails the collection, and the timeouts are not applied.
    await link.request('retention', {
      body: { gc_rows_threshold: 0, timeout_cutoff_epoch_ms: Date.now() + 60_000 },
    });
    expect(await rounds(2)).toMatchObject({ status: 'failed' });
    expect((await active.getStatus())?.status).toBe('PENDING');
  });
});

describe('retention across processes on postgres', () => {
  const backend = postgresBackend();
  const harness = useHarness(backend);
  let conductor: FakeConductor;
  beforeAll(async () => (conductor = await FakeConductor.start()));
  afterAll(() => conductor.close());
  afterEach(() => vi.restoreAllMocks());

  it('leaves collection to the process holding the retention lock, and still times out', async () => {
    const { podium, link, echo, waiter, appName } = await connectApp(harness, conductor, defineApp);
    await echo('done');
    const active = await waiter.start(['never'], { workflowId: `${appName}-active` });
    // Another process in the middle of a round holds the application's retention lock.
    const other = new pg.Client({ connectionString: backend.database().databaseUrl });
    await other.connect();
    const lock = `podium.retention:podium:${appName}`;
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
      const rounds = watchRounds();
      const body = { gc_cutoff_epoch_ms: Date.now() + 60_000 };
      await link.request('retention', { body: { ...body, timeout_cutoff_epoch_ms: Date.now() } });
      expect(await rounds(0)).toEqual({ status: 'done', deleted: null, cancelled: 1 });
      expect((await active.getStatus())?.status).toBe('CANCELLED');
      expect(await podium.listWorkflows()).toHaveLength(2);
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
      await link.request('retention', { body });
      expect(await rounds(1)).toEqual({ status: 'done', deleted: 2, cancelled: 0 });
    } finally {
      await other.end();
    }
  });
});
