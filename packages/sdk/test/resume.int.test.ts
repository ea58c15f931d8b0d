/**
 * `resumeWorkflow` with DBOS Transact's semantics, through the public API: every status that
 * is not SUCCESS or ERROR goes back to ENQUEUED on the internal queue (no limits) or the given
 * one and continues from its checkpoints; SUCCESS and ERROR are left alone; an unknown id is a
 * typed error. A PENDING workflow running here is superseded, never run twice at once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidOperationError,
  type Podium,
  type PodiumOptions,
  WorkflowCancelledError,
  WorkflowNotFoundError,
} from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { defineResumeApp, INTERNAL_QUEUE } from './helpers/resume-app';
import { executionsEnded, recordingLogger } from './helpers/recording-logger';
import { watchClaims, watchStorage } from './helpers/storage-watch';
import { RunLog, uniqueName, waitFor } from './helpers/util';

describe.each(BACKENDS.map((make) => make()))('resume on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());

  const launch = (log: RunLog, options: Partial<PodiumOptions> & { appName: string }) =>
    harness.launch((podium) => defineResumeApp(podium, log), options);

  const stepsRecorded = (podium: Podium, id: string, n: number) => async () =>
    ((await podium.listSteps(id)) ?? []).length >= n;

  it('runs an ENQUEUED workflow held back by a full queue at once, on the internal queue', async () => {
    const log = new RunLog();
    const { podium, gated, job, gate } = await launch(log, { appName: uniqueName('app') });
    const claims = watchClaims();
    try {
      const blocker = await gated.start([], { queueName: 'serial' });
      await waitFor(() => log.count('b') === 1);
      const held = await job.start(['held'], { queueName: 'serial' });
      const moved = await job.start(['moved'], { queueName: 'serial' });
      // A dequeue of the full queue that saw both, and left them there.
      await claims.nextClaim('serial');
      expect((await held.getStatus())?.status).toBe('ENQUEUED');

      const resumed = await podium.resumeWorkflow<string>(held.workflowId);
      expect(resumed.workflowId).toBe(held.workflowId);
      expect(await resumed.getResult()).toBe('held');
      expect(await held.getStatus()).toMatchObject({
        status: 'SUCCESS',
        queueName: INTERNAL_QUEUE,
        recoveryAttempts: 0,
      });
      // Onto a given queue (it must be registered here).
      await expect(
        podium.resumeWorkflow(moved.workflowId, { queueName: 'nope' }),
      ).rejects.toBeInstanceOf(InvalidOperationError);
      await podium.resumeWorkflow(moved.workflowId, { queueName: 'other' });
      expect(await moved.getResult()).toBe('moved');
      expect((await moved.getStatus())?.queueName).toBe('other');
      // The queue's limit still holds for what stayed on it.
      expect((await blocker.getStatus())?.status).toBe('PENDING');
      expect((await podium.listWorkflows({ queueName: 'serial', status: 'PENDING' })).length).toBe(
        1,
      );
    } finally {
      gate.resolve();
    }
  });

  it('continues a CANCELLED workflow from its last completed step', async () => {
    const log = new RunLog();
    const logger = recordingLogger();
    const { podium, gated, gate } = await launch(log, { appName: uniqueName('app'), logger });
    const handle = await gated.start([]);
    await waitFor(() => log.count('b') === 1);
    await podium.cancelWorkflow(handle.workflowId);
    await expect(handle.getResult()).rejects.toBeInstanceOf(WorkflowCancelledError);
    gate.resolve();
    await waitFor(stepsRecorded(podium, handle.workflowId, 2));
    // The cancelled execution is over: whatever it was going to run, it has.
    await executionsEnded(logger, handle.workflowId);
    expect(log.count('c')).toBe(0);
    expect((await handle.getStatus())?.status).toBe('CANCELLED');

    const resumed = await podium.resumeWorkflow<string>(handle.workflowId);
    expect(await resumed.getResult()).toBe('done');
    expect([log.count('a'), log.count('b'), log.count('c')]).toEqual([1, 1, 1]);
    expect(await handle.getStatus()).toMatchObject({
      status: 'SUCCESS',
      queueName: INTERNAL_QUEUE,
    });
    // Finished: cancelling now is a no-op.
    await podium.cancelWorkflow(handle.workflowId);
    expect((await handle.getStatus())?.status).toBe('SUCCESS');
  });

  it('resumes a workflow that ran out of recovery attempts, with its attempts reset', async () => {
    const log = new RunLog();
    const options = { appName: uniqueName('app'), maxRecoveryAttempts: 1 };
    const first = await launch(log, options);
    const handle = await first.waiter.start([]);
    await waitFor(stepsRecorded(first.podium, handle.workflowId, 1));
    await first.podium.shutdown();
    await (await launch(log, options)).podium.shutdown(); // recovery attempt 1
    const { podium } = await launch(log, options); // attempt 2: too many
    await waitFor(
      async () =>
        (await podium.getWorkflowStatus(handle.workflowId))?.status ===
        'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
    );

    await podium.resumeWorkflow(handle.workflowId);
    await waitFor(
      async () => (await podium.getWorkflowStatus(handle.workflowId))?.status === 'PENDING',
    );
    await podium.send(handle.workflowId, 'went', 'go');
    expect(await podium.retrieveWorkflow(handle.workflowId).getResult()).toBe('went');
    expect(await podium.getWorkflowStatus(handle.workflowId)).toMatchObject({
      status: 'SUCCESS',
      recoveryAttempts: 0,
      queueName: INTERNAL_QUEUE,
    });
    expect(log.count('begin')).toBe(1);
  });

  it('leaves SUCCESS and ERROR workflows as they are', async () => {
    const log = new RunLog();
    const { podium, job, boom } = await launch(log, { appName: uniqueName('app') });
    const done = await job.start(['once']);
    await done.getResult();
    const failed = await boom.start([]);
    await expect(failed.getResult()).rejects.toThrow('boom');
    const before = await Promise.all([done.getStatus(), failed.getStatus()]);

    expect((await podium.resumeWorkflow(done.workflowId)).workflowId).toBe(done.workflowId);
    await podium.resumeWorkflow(failed.workflowId, { queueName: 'other' });
    // Resuming commits before it returns, and a run again would first have to be enqueued
    // again: the statuses show at once whether anything changed.
    expect(await Promise.all([done.getStatus(), failed.getStatus()])).toEqual(before);
    expect(await done.getResult()).toBe('once');
    await expect(failed.getResult()).rejects.toThrow('boom');
    expect([log.count('once'), log.count('fail')]).toEqual([1, 1]);
  });

  it('throws WorkflowNotFoundError for an unknown id', async () => {
    const { podium } = await launch(new RunLog(), { appName: uniqueName('app') });
    const error = await podium.resumeWorkflow('no-such-workflow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowNotFoundError);
    expect(error).toMatchObject({ code: 'WORKFLOW_NOT_FOUND', workflowId: 'no-such-workflow' });
  });

  it('supersedes a PENDING workflow running here: its step in flight is never run twice', async () => {
    const log = new RunLog();
    const { podium, gated, gate } = await launch(log, { appName: uniqueName('app') });
    const claims = watchClaims();
    const checkpointReads = watchStorage('getStepState');
    const handle = await gated.start([]);
    const result = handle.getResult();
    await waitFor(() => log.count('b') === 1);
    // An execution begins by reading the checkpoint of its first step.
    const executionsBegun = () =>
      checkpointReads.count(([id, functionId]) => id === handle.workflowId && functionId === 0);
    try {
      expect(executionsBegun()).toBe(1);
      await podium.resumeWorkflow(handle.workflowId);
      // Re-enqueued on the internal queue, then claimed again by this process...
      await waitFor(async () => {
        const status = await handle.getStatus();
        return status?.status === 'PENDING' && status.queueName === INTERNAL_QUEUE;
      });
      // ...and handed to the runner, whose new execution waits for the old one, still inside
      // step b, to stop: it has not begun.
      await claims.dispatched(handle.workflowId);
      expect(executionsBegun()).toBe(1);
      expect([log.count('a'), log.count('b'), log.count('c')]).toEqual([1, 1, 0]);
    } finally {
      gate.resolve();
    }
    expect(await result).toBe('done');
    expect(executionsBegun()).toBe(2);
    expect([log.count('a'), log.count('b'), log.count('c')]).toEqual([1, 1, 1]);
    expect((await podium.listSteps(handle.workflowId))?.map((s) => s.functionName)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('tells a superseded execution through ctx.signal, so a step in flight can stop', async () => {
    const log = new RunLog();
    const { podium, listener } = await launch(log, { appName: uniqueName('app') });
    const handle = await listener.start([]);
    await waitFor(() => log.count('listening') === 1);
    await podium.resumeWorkflow(handle.workflowId);
    expect(await handle.getResult()).toBe('stopped');
    expect([log.count('listening'), log.count('after')]).toEqual([1, 1]);
    expect((await handle.getStatus())?.queueName).toBe(INTERNAL_QUEUE);
  });

  it('records no failure of a step that stopped because its execution was told to', async () => {
    const log = new RunLog();
    const { podium, fetcher } = await launch(log, { appName: uniqueName('app') });
    const handle = await fetcher.start([]);
    await waitFor(() => log.count('fetching') === 1);
    await podium.resumeWorkflow(handle.workflowId);
    // The abort was the old execution's, not the step's: the new one runs the step again.
    expect(await handle.getResult()).toBe('fetched');
    expect(log.count('fetching')).toBe(2);
    expect(await podium.listSteps(handle.workflowId)).toMatchObject([
      { functionName: 'fetch', output: 'fetched', error: null },
    ]);
  });
});
