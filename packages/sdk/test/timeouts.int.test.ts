import { describe, expect, it } from 'vitest';
import {
  InvalidOperationError,
  type Podium,
  type PodiumOptions,
  WorkflowCancelledError,
} from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { recordingLogger } from './helpers/recording-logger';
import { deferred, RunLog, uniqueName, untilClockPasses, waitFor } from './helpers/util';

function defineWorkflows(podium: Podium, log: RunLog, gate = deferred()) {
  podium.queue('one-at-a-time', { concurrency: 1 });
  const sleeper = podium.workflow('sleeper', async (ctx, ms: number) => {
    await ctx.step('before', () => log.hit('before'));
    await ctx.sleep(ms);
    await ctx.step('after', () => log.hit('after'));
    return 'awake';
  });
  const blocker = podium.workflow('blocker', async (ctx) => {
    await ctx.step('block', async () => {
      log.hit('blocking');
      await gate.promise;
    });
  });
  return { sleeper, blocker, gate };
}

// Long enough for a first step to run on a loaded two-core CI machine, stalls included; the
// tests wait for the deadline itself rather than racing it.
const TIMEOUT_MS = 5_000;

describe.each(BACKENDS.map((make) => make()))('timeouts on $name', (backend) => {
  const harness = useHarness(backend);

  const launch = (log: RunLog, options: Partial<PodiumOptions> & { appName: string }) =>
    harness.launch((podium) => defineWorkflows(podium, log), options);

  it('cancels a workflow that outlives its timeout', async () => {
    const log = new RunLog();
    const { sleeper } = await launch(log, { appName: uniqueName('app') });
    const handle = await sleeper.start([60_000], { timeoutMs: TIMEOUT_MS });
    await expect(handle.getResult()).rejects.toBeInstanceOf(WorkflowCancelledError);
    const status = await handle.getStatus();
    expect(status).toMatchObject({ status: 'CANCELLED', timeoutMs: TIMEOUT_MS });
    expect(status?.deadlineEpochMs).toBe((status?.startedAt ?? 0) + TIMEOUT_MS);
    expect([log.count('before'), log.count('after')]).toEqual([1, 0]);
  });

  it('starts the clock of a queued workflow when it is dequeued', async () => {
    const log = new RunLog();
    const { podium, sleeper, blocker, gate } = await launch(log, { appName: uniqueName('app') });
    const blocking = await blocker.start([], { queueName: 'one-at-a-time' });
    await waitFor(() => log.count('blocking') === 1);
    const queued = await sleeper.start([0], { queueName: 'one-at-a-time', timeoutMs: TIMEOUT_MS });
    const enqueued = await queued.getStatus();
    expect(enqueued?.deadlineEpochMs).toBeNull();
    // Past the deadline it would have had, had its clock started when it was enqueued.
    await untilClockPasses((enqueued?.createdAt ?? Number.NaN) + TIMEOUT_MS);
    gate.resolve();
    await blocking.getResult();
    expect(await queued.getResult()).toBe('awake');
    const status = await podium.getWorkflowStatus(queued.workflowId);
    expect(status?.deadlineEpochMs).toBe((status?.startedAt ?? 0) + TIMEOUT_MS);
  });

  it('cancels, without running it, a recovered workflow whose deadline has passed', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const first = await launch(log, { appName });
    const handle = await first.sleeper.start([60_000], { timeoutMs: TIMEOUT_MS });
    await waitFor(() => log.count('before') === 1);
    const deadline = (await handle.getStatus())?.deadlineEpochMs ?? Number.NaN;
    await first.podium.shutdown();
    await untilClockPasses(deadline);

    const second = await launch(log, { appName });
    const recovered = second.podium.retrieveWorkflow(handle.workflowId);
    await expect(recovered.getResult()).rejects.toBeInstanceOf(WorkflowCancelledError);
    expect([log.count('before'), log.count('after')]).toEqual([1, 0]);
  });

  it("leaves a resumed workflow alone when the earlier execution's deadline passes", async () => {
    const log = new RunLog();
    const logger = recordingLogger();
    const { podium, blocker, gate } = await launch(log, { appName: uniqueName('app'), logger });
    const handle = await blocker.start([], { timeoutMs: TIMEOUT_MS });
    await waitFor(() => log.count('blocking') === 1);
    const firstDeadline = (await handle.getStatus())?.deadlineEpochMs ?? Number.NaN;
    // Resumed while its step (which takes no notice of ctx.signal) still runs: claimed again at
    // once, with a deadline of its own, its execution waiting for the first one to stop.
    await podium.resumeWorkflow(handle.workflowId);
    await waitFor(async () => {
      const status = await handle.getStatus();
      return status?.status === 'PENDING' && status.deadlineEpochMs !== null;
    });
    await untilClockPasses(firstDeadline);
    await waitFor(() =>
      logger.lines.some(
        (line) =>
          line.message === 'workflow deadline passed' &&
          line.fields.workflowId === handle.workflowId,
      ),
    );
    // The first execution's timer cancelled nothing: the workflow is the second claim's now.
    expect((await handle.getStatus())?.status).toBe('PENDING');
    gate.resolve();
  });

  it('rejects a timeout that is not a positive integer', async () => {
    const { sleeper } = await launch(new RunLog(), { appName: uniqueName('app') });
    await expect(sleeper.start([1], { timeoutMs: 0 })).rejects.toBeInstanceOf(
      InvalidOperationError,
    );
  });
});
