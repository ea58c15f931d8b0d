import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MaxRecoveryAttemptsExceededError,
  type Podium,
  type PodiumOptions,
  WorkflowCancelledError,
} from '../src';
import { INTERNAL_QUEUE } from '../src/engine/management';
import { BACKENDS } from './helpers/backends';
import { defineGatedWorkflow } from './helpers/gated-workflow';
import { useHarness } from './helpers/harness';
import { executionsEnded, recordingLogger } from './helpers/recording-logger';
import { watchClaims } from './helpers/storage-watch';
import { deferred, RunLog, uniqueName, waitFor } from './helpers/util';

/** A sleep long enough to shut down in the middle of it, even on a loaded machine. */
const SLEEP_MS = 5_000;
/** Only a guard against waiting forever: every wait it bounds ends on an event. */
const HANG_GUARD_MS = 30_000;

function defineWorkflows(podium: Podium, log: RunLog, gate = deferred()) {
  const sleeper = podium.workflow('sleeper', async (ctx, ms: number) => {
    await ctx.step('before', () => log.hit('before'));
    await ctx.sleep(ms);
    await ctx.step('after', () => log.hit('after'));
    return 'awake';
  });
  const gated = defineGatedWorkflow(podium, log, gate);
  const three = podium.workflow('three', async (ctx, x: number) => {
    const one = await ctx.step('s0', () => (log.hit('s0'), x + 1));
    const two = await ctx.step('s1', () => (log.hit('s1'), one * 10));
    return ctx.step('s2', () => (log.hit('s2'), two + log.count('s2')));
  });
  const family = podium.workflow('family', async (ctx) => {
    const child = await ctx.startWorkflow(sleeper, [SLEEP_MS]);
    return { childId: child.workflowId, result: await child.getResult() };
  });
  return { sleeper, gated, three, family, gate };
}

describe.each(BACKENDS.map((make) => make()))('recovery and management on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());

  const launch = (log: RunLog, options: Partial<PodiumOptions> & { appName: string }) =>
    harness.launch((podium) => defineWorkflows(podium, log), options);

  const stepsRecorded = (podium: Podium, id: string, n: number) => async () =>
    ((await podium.listSteps(id)) ?? []).length >= n;

  it('resumes PENDING workflows at launch and sleeps only the remaining time', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    // The duration the workflow asks for is no checkpoint: after the restart it asks for an
    // hour, so only the wake-up time recorded before can end the resumed sleep within the test
    // (a sleep begun afresh at recovery would outlast the test's timeout).
    let sleepMs = SLEEP_MS;
    const defineNapper = (podium: Podium) => ({
      napper: podium.workflow('napper', async (ctx) => {
        await ctx.step('before', () => log.hit('before'));
        await ctx.sleep(sleepMs);
        await ctx.step('after', () => log.hit('after'));
        return 'awake';
      }),
    });
    const first = await harness.launch(defineNapper, { appName });
    const started = Date.now();
    const handle = await first.napper.start([]);
    await waitFor(stepsRecorded(first.podium, handle.workflowId, 2));
    const [, recordedSleep] = (await first.podium.listSteps(handle.workflowId)) ?? [];
    const wakeAt = recordedSleep?.output as number;
    await first.podium.shutdown();
    expect(log.count('after')).toBe(0);

    sleepMs = 60 * 60_000;
    const second = await harness.launch(defineNapper, { appName });
    expect(second.podium.applicationVersion).toBe(first.podium.applicationVersion);
    const resumed = second.podium.retrieveWorkflow<string>(handle.workflowId);
    expect(await resumed.getResult({ timeoutMs: HANG_GUARD_MS })).toBe('awake');
    const finished = Date.now();
    const [, sleep] = (await second.podium.listSteps(handle.workflowId)) ?? [];
    expect(sleep?.output).toBe(wakeAt); // the recorded wake-up time, not a new one
    expect(finished).toBeGreaterThanOrEqual(wakeAt);
    expect(finished - started).toBeGreaterThanOrEqual(SLEEP_MS);
    expect([log.count('before'), log.count('after')]).toEqual([1, 1]);
    expect(await resumed.getStatus()).toMatchObject({ status: 'SUCCESS', recoveryAttempts: 1 });
  });

  it('shuts down while a parent awaits its child, and restarts with the same child', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const first = await launch(log, { appName });
    const parent = await first.family.start([], { workflowId: uniqueName('family') });
    const childId = `${parent.workflowId}-0`;
    await waitFor(stepsRecorded(first.podium, childId, 2));
    // Without interrupting the parent's wait on its (interrupted) child, this would hang until
    // the test's timeout.
    await first.podium.shutdown();
    expect(log.count('after')).toBe(0); // shut down while the child slept

    const second = await launch(log, { appName });
    const resumed = second.podium.retrieveWorkflow(parent.workflowId);
    expect(await resumed.getResult()).toEqual({ childId, result: 'awake' });
    expect([log.count('before'), log.count('after')]).toEqual([1, 1]);
    const children = await second.podium.listWorkflows({ parentWorkflowId: parent.workflowId });
    expect(children.map((child) => child.workflowId)).toEqual([childId]);
  });

  it('leaves PENDING workflows of another application version alone at launch', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const v1 = await launch(log, { appName, applicationVersion: 'v1' });
    const handle = await v1.sleeper.start([60_000]);
    await waitFor(stepsRecorded(v1.podium, handle.workflowId, 2));
    await v1.podium.shutdown();

    const v2 = await launch(log, { appName, applicationVersion: 'v2' });
    expect(await v2.podium.existPendingWorkflows('local', 'v1')).toBe(true);
    expect(await v2.podium.getWorkflowStatus(handle.workflowId)).toMatchObject({
      status: 'PENDING',
      recoveryAttempts: 0,
      applicationVersion: 'v1',
    });
  });

  it('marks a workflow MAX_RECOVERY_ATTEMPTS_EXCEEDED once recoveries run out', async () => {
    const log = new RunLog();
    const options = { appName: uniqueName('app'), maxRecoveryAttempts: 1 };
    const first = await launch(log, options);
    const handle = await first.sleeper.start([60_000]);
    await waitFor(stepsRecorded(first.podium, handle.workflowId, 2));
    await first.podium.shutdown();
    const second = await launch(log, options);
    expect(await second.podium.getWorkflowStatus(handle.workflowId)).toMatchObject({
      status: 'PENDING',
      recoveryAttempts: 1,
    });
    await second.podium.shutdown();
    const third = await launch(log, options);
    const error = await third.podium
      .retrieveWorkflow(handle.workflowId)
      .getResult()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxRecoveryAttemptsExceededError);
    expect(await third.podium.getWorkflowStatus(handle.workflowId)).toMatchObject({
      status: 'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
      recoveryAttempts: 2,
    });
    expect(log.count('before')).toBe(1);
  });

  it('re-enqueues a dead executor’s workflows for executors of the same version only', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const dead = await launch(log, { appName, executorId: 'dead-1', applicationVersion: 'v1' });
    const handle = await dead.sleeper.start([SLEEP_MS]);
    await waitFor(stepsRecorded(dead.podium, handle.workflowId, 2)); // asleep: it stays PENDING
    await dead.podium.shutdown();

    const other = await launch(log, { appName, executorId: 'c', applicationVersion: 'v2' });
    const live = await launch(log, { appName, executorId: 'b', applicationVersion: 'v1' });
    expect(await live.podium.existPendingWorkflows('dead-1', 'v1')).toBe(true);
    expect(await other.podium.recoverPendingWorkflows(['dead-1'])).toBe(0);
    expect(await live.podium.recoverPendingWorkflows(['dead-1'])).toBe(1);
    expect(await live.podium.retrieveWorkflow(handle.workflowId).getResult()).toBe('awake');
    expect(await live.podium.getWorkflowStatus(handle.workflowId)).toMatchObject({
      status: 'SUCCESS',
      executorId: 'b',
      queueName: INTERNAL_QUEUE,
    });
    expect(await live.podium.existPendingWorkflows('dead-1', 'v1')).toBe(false);
    expect(await live.podium.recoverPendingWorkflows(['dead-1'])).toBe(0);
    expect([log.count('before'), log.count('after')]).toEqual([1, 1]);
  });

  it('interrupts a sleeping workflow in this process as soon as it is cancelled', async () => {
    const log = new RunLog();
    const logger = recordingLogger();
    const { podium, sleeper } = await launch(log, { appName: uniqueName('app'), logger });
    const handle = await sleeper.start([60_000]);
    await waitFor(stepsRecorded(podium, handle.workflowId, 2));
    await podium.cancelWorkflow(handle.workflowId);
    await expect(handle.getResult()).rejects.toBeInstanceOf(WorkflowCancelledError);
    // The execution itself ends, well before the 60 s sleep would (waiting up to 10 s).
    await executionsEnded(logger, handle.workflowId);
    expect(log.count('after')).toBe(0);
  });

  it('interrupts a running workflow that is deleted', async () => {
    const log = new RunLog();
    const { podium, sleeper } = await launch(log, { appName: uniqueName('app') });
    const handle = await sleeper.start([60_000]);
    await waitFor(stepsRecorded(podium, handle.workflowId, 2));
    expect(await podium.deleteWorkflow(handle.workflowId)).toEqual([handle.workflowId]);
    await expect(handle.getResult()).rejects.toMatchObject({ code: 'WORKFLOW_NOT_FOUND' });
    expect(log.count('after')).toBe(0);
  });

  it('forks from a step, copying earlier checkpoints and re-running the rest', async () => {
    const log = new RunLog();
    const { podium, three } = await launch(log, { appName: uniqueName('app') });
    const original = await three.start([1]);
    expect(await original.getResult()).toBe(21);
    const newWorkflowId = uniqueName('fork');
    const fork = await podium.forkWorkflow<number>(original.workflowId, 2, { newWorkflowId });
    expect(fork.workflowId).toBe(newWorkflowId);
    expect(await fork.getResult()).toBe(22);
    expect([log.count('s0'), log.count('s1'), log.count('s2')]).toEqual([1, 1, 2]);
    expect(await fork.getStatus()).toMatchObject({
      forkedFrom: original.workflowId,
      input: [1],
      status: 'SUCCESS',
    });
    expect((await podium.listSteps(newWorkflowId))?.map((s) => s.output)).toEqual([2, 20, 22]);

    const fromStart = await podium.forkWorkflow<number>(original.workflowId, 0);
    expect(await fromStart.getResult()).toBe(23);
    expect([log.count('s0'), log.count('s1'), log.count('s2')]).toEqual([2, 2, 3]);
    const forks = await podium.listWorkflows({ forkedFrom: original.workflowId });
    expect(forks.map((f) => f.workflowId).sort()).toEqual(
      [newWorkflowId, fromStart.workflowId].sort(),
    );
  });

  it('leaves a fork retargeted to another version for executors of that version', async () => {
    const log = new RunLog();
    const { podium, three } = await launch(log, { appName: uniqueName('app') });
    const claims = watchClaims();
    const original = await three.start([1]);
    await original.getResult();
    const fork = await podium.forkWorkflow(original.workflowId, 1, { applicationVersion: 'next' });
    // A dequeue of the fork's queue that saw it, and left it there.
    await claims.nextClaim(INTERNAL_QUEUE);
    expect(await fork.getStatus()).toMatchObject({
      status: 'ENQUEUED',
      applicationVersion: 'next',
    });
  });

  it('lets another instance wait on a workflow it does not run, and not run it again', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const runner = await launch(log, { appName, executorId: 'runner' });
    const observer = await launch(log, { appName, executorId: 'observer' });
    const workflowId = uniqueName('shared');
    await runner.gated.start([], { workflowId });
    await waitFor(() => log.count('b') === 1);
    const duplicate = await observer.gated.start([], { workflowId });
    const result = duplicate.getResult({ timeoutMs: 10_000 });
    await expect(duplicate.getResult({ timeoutMs: 50 })).rejects.toMatchObject({
      code: 'RESULT_TIMEOUT',
    });
    runner.gate.resolve();
    expect(await result).toBe('done');
    expect([log.count('a'), log.count('b'), log.count('c')]).toEqual([1, 1, 1]);
    expect((await duplicate.getStatus())?.executorId).toBe('runner');
  });
});
