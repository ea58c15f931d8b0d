/**
 * Shutdown racing the ways a workflow execution begins: a start being recorded, a dequeue, the
 * recovery at launch, a child start from an interrupted workflow, the conductor's actions.
 * Once `shutdown()` has begun no workflow body starts in this process, nothing is left
 * pending, shutdown waits only for the interruption of what already ran, and whatever was
 * recorded stays recoverable. Each race is made deterministic by holding a storage call.
 *
 * The raced workflow waits up to an hour for a message (a durable deadline that must outlast
 * several launches), so a shutdown that waited for it would not end before the test's timeout:
 * no clock is read to tell.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotLaunchedError, type Podium } from '../src';
import { BACKENDS } from './helpers/backends';
import { FakeConductor } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { type Hold, holdStorage, releaseHolds } from './helpers/hold';
import { deferred, RunLog, uniqueName, waitFor } from './helpers/util';

/** How long the raced workflow waits for its message: longer than any test may take. */
const MESSAGE_WAIT_MS = 60 * 60_000;

/**
 * Begins shutdown while `hold` keeps a storage call waiting, then lets the call go on; the
 * shutdown must not wait for the raced workflow (it would wait past the test's timeout).
 */
async function shutdownDuring(podium: Podium, hold: Hold): Promise<void> {
  const stopped = podium.shutdown();
  hold.release();
  await stopped;
}

function defineApp(podium: Podium, log: RunLog, stepGate: Promise<void> = Promise.resolve()) {
  podium.queue('jobs');
  const waiter = podium.workflow('waiter', async (ctx) => {
    log.hit('waiter');
    return ctx.recv<string>('go', MESSAGE_WAIT_MS);
  });
  // Inside a step until `stepGate` opens: shutdown waits for steps already running.
  const busy = podium.workflow('busy', async (ctx) => {
    log.hit('busy');
    await ctx.step('work', () => stepGate);
  });
  const parent = podium.workflow('parent', async (ctx) => {
    log.hit('parent');
    const child = await ctx.startWorkflow(waiter, []);
    return child.getResult();
  });
  return { waiter, busy, parent };
}

describe.each(BACKENDS.map((make) => make()))('shutdown races on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => releaseHolds());
  let conductor: FakeConductor;
  beforeAll(async () => (conductor = await FakeConductor.start()));
  afterAll(() => conductor.close());

  const launch = (log: RunLog, appName: string, stepGate?: Promise<void>) =>
    harness.launch((podium) => defineApp(podium, log, stepGate), { appName });

  /** Launches the app again (same executor id and version) and completes a waiter there. */
  async function completeAfterRelaunch(log: RunLog, appName: string, waiterId: string) {
    const next = await launch(log, appName);
    await next.podium.send(waiterId, `hello ${waiterId}`, 'go');
    return next;
  }

  it('records a start racing shutdown without running it, and does not wait for it', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const step = deferred();
    const { podium, waiter, busy } = await launch(log, appName, step.promise);
    await busy.start([]);
    await waitFor(() => log.count('busy') === 1);
    const workflowId = uniqueName('raced');
    // Recorded in the database, not yet handed back to the engine.
    const hold = holdStorage('insertWorkflow', 'after', ([wf]) => wf.workflowId === workflowId);
    const starting = waiter.start([], { workflowId });
    await hold.reached;

    const stopped = shutdownDuring(podium, hold);
    const handle = await starting;
    expect(handle.workflowId).toBe(workflowId);
    // While shutdown still waits for the busy workflow, nothing will run this one here.
    await expect(handle.getResult()).rejects.toMatchObject({
      code: 'NOT_LAUNCHED',
      message: expect.stringContaining('shutting down') as string,
    });
    step.resolve(); // the busy workflow's step ends: the shutdown may finish
    await stopped;
    expect(log.count('waiter')).toBe(0);
    await expect(handle.getResult()).rejects.toBeInstanceOf(NotLaunchedError);

    const next = await completeAfterRelaunch(log, appName, workflowId);
    expect(await next.podium.retrieveWorkflow(workflowId).getResult()).toBe(`hello ${workflowId}`);
    expect(await next.podium.getWorkflowStatus(workflowId)).toMatchObject({
      status: 'SUCCESS',
      recoveryAttempts: 1,
    });
    expect(log.count('waiter')).toBe(1);
  });

  it('settles a start whose insert is in flight when shutdown begins, leaving it PENDING', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const { podium, waiter } = await launch(log, appName);
    const workflowId = uniqueName('in-flight');
    const hold = holdStorage('insertWorkflow', 'before', ([wf]) => wf.workflowId === workflowId);
    const starting = waiter.start([], { workflowId });
    await hold.reached;

    const stopped = shutdownDuring(podium, hold);
    const [handle] = await Promise.all([starting, stopped]);
    expect(handle.workflowId).toBe(workflowId);
    expect(log.count('waiter')).toBe(0);
    // Once shutdown has begun, a start is refused before anything is recorded.
    const refusedId = uniqueName('refused');
    await expect(waiter.start([], { workflowId: refusedId })).rejects.toBeInstanceOf(
      NotLaunchedError,
    );

    const next = await completeAfterRelaunch(log, appName, workflowId);
    expect(await next.podium.retrieveWorkflow(workflowId).getResult()).toBe(`hello ${workflowId}`);
    expect(await next.podium.getWorkflowStatus(refusedId)).toBeNull();
  });

  it('refuses a start made once shutdown has begun, recording nothing', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const { podium, waiter } = await launch(log, appName);
    const workflowId = uniqueName('late');
    const stopped = podium.shutdown();
    await expect(waiter.start([], { workflowId })).rejects.toBeInstanceOf(NotLaunchedError);
    await expect(waiter()).rejects.toBeInstanceOf(NotLaunchedError);
    await stopped;
    const next = await launch(log, appName);
    expect(await next.podium.getWorkflowStatus(workflowId)).toBeNull();
    expect(log.count('waiter')).toBe(0);
  });

  it('runs nothing a dequeue claimed while shutdown began; the next launch recovers it', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const { podium, waiter } = await launch(log, appName);
    const workflowId = uniqueName('queued');
    const hold = holdStorage(
      'claimEnqueued',
      'after',
      (_, claimed) => claimed?.records.some((r) => r.workflowId === workflowId) ?? false,
    );
    await waiter.start([], { workflowId, queueName: 'jobs' });
    await hold.reached;

    const stopped = shutdownDuring(podium, hold);
    await stopped;
    expect(log.count('waiter')).toBe(0);

    const next = await completeAfterRelaunch(log, appName, workflowId);
    expect(await next.podium.retrieveWorkflow(workflowId).getResult()).toBe(`hello ${workflowId}`);
    expect(log.count('waiter')).toBe(1);
  });

  it('recovers nothing at launch once shutdown has begun, and leaves it recoverable', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const first = await launch(log, appName);
    const handle = await first.waiter.start([]);
    await waitFor(() => log.count('waiter') === 1);
    await first.podium.shutdown();

    // Shutdown before launch() has even opened the database.
    const early = harness.podium({ appName });
    const earlyApp = defineApp(early, log);
    const earlyLaunch = early.launch();
    await Promise.all([earlyLaunch, early.shutdown()]);
    await expect(earlyApp.waiter.start([])).rejects.toBeInstanceOf(NotLaunchedError);

    // Shutdown while launch() is claiming the workflows to recover.
    const hold = holdStorage(
      'claimForRecovery',
      'after',
      (_, claimed) => (claimed ?? []).length > 0,
    );
    const late = harness.podium({ appName });
    defineApp(late, log);
    const lateLaunch = late.launch();
    await hold.reached;
    const stopped = shutdownDuring(late, hold);
    await Promise.all([lateLaunch, stopped]);
    expect(log.count('waiter')).toBe(1);

    const next = await completeAfterRelaunch(log, appName, handle.workflowId);
    const result = await next.podium.retrieveWorkflow(handle.workflowId).getResult();
    expect(result).toBe(`hello ${handle.workflowId}`);
    expect(log.count('waiter')).toBe(2);
  });

  it('records a child started by a workflow being interrupted, without running it', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const { podium, parent } = await launch(log, appName);
    const parentId = uniqueName('parent');
    const childId = `${parentId}-0`;
    const hold = holdStorage('insertWorkflow', 'after', ([wf]) => wf.workflowId === childId);
    await parent.start([], { workflowId: parentId });
    await hold.reached;

    const stopped = shutdownDuring(podium, hold);
    await stopped;
    expect(log.count('waiter')).toBe(0);

    const next = await completeAfterRelaunch(log, appName, childId);
    expect(await next.podium.retrieveWorkflow(parentId).getResult()).toBe(`hello ${childId}`);
    // The checkpointed child start replays: one child, started once.
    expect(await next.podium.listWorkflows({ parentWorkflowId: parentId })).toHaveLength(1);
    expect(log.count('waiter')).toBe(1);
  });

  it('enqueues a conductor restart racing shutdown without running it here', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    // One executor id for both processes (with a conductor it would be a new UUID each time):
    // a dequeue already in flight when shutdown began may have claimed the fork, which then
    // stays PENDING on this executor, and only a process with its id recovers it at launch.
    const executorId = uniqueName('executor');
    const podium = harness.podium({
      appName,
      executorId,
      conductorKey: 'key-123',
      conductorUrl: `${conductor.url}//`,
    });
    const { busy } = defineApp(podium, log);
    const linked = conductor.nextLink();
    await podium.launch();
    const link = await linked;
    await link.request('executor_info');
    const original = await busy.start([]);
    await original.getResult();

    const hold = holdStorage('forkWorkflow', 'before');
    const restarting = link.request('restart', { workflow_id: original.workflowId });
    await hold.reached;
    const stopped = shutdownDuring(podium, hold);
    expect(await restarting).toMatchObject({ success: true });
    await stopped;
    expect(log.count('busy')).toBe(1);

    // The fork runs after the restart: dequeued (still ENQUEUED) or recovered at launch (claimed
    // by the dequeue in flight at shutdown), once either way.
    const next = await harness.launch((p) => defineApp(p, log), { appName, executorId });
    await waitFor(() => log.count('busy') === 2, 30_000, 'the restarted workflow');
    const forks = await next.podium.listWorkflows({ workflowName: 'busy' });
    expect(forks).toHaveLength(2);
  });
});
