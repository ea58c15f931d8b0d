/**
 * The conductor agent's `resume`, answered as DBOS Transact answers it: every id that is not
 * SUCCESS or ERROR is re-enqueued (on the internal queue, which has no limits, or on
 * `queue_name`) and continues from its checkpoints; SUCCESS and ERROR are a successful no-op;
 * an unknown id fails the whole request (`success: false` with `error_message`) and changes
 * nothing. Runs on both backends against a real `ws` server playing the control plane.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PodiumOptions } from '../src';
import { BACKENDS } from './helpers/backends';
import { type ConductorLink, FakeConductor } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { defineResumeApp, INTERNAL_QUEUE } from './helpers/resume-app';
import { watchClaims, watchStorage } from './helpers/storage-watch';
import { RunLog, uniqueName, waitFor } from './helpers/util';

describe.each(BACKENDS.map((make) => make()))('conductor agent resume on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());
  let conductor: FakeConductor;
  beforeAll(async () => (conductor = await FakeConductor.start()));
  afterAll(() => conductor.close());

  /** A launched app connected to the fake conductor, past the executor_info handshake. */
  async function connect(log: RunLog, appName = uniqueName('app')) {
    const podium = harness.podium({
      appName,
      conductorKey: 'key-123',
      conductorUrl: conductor.url,
    });
    const workflows = defineResumeApp(podium, log);
    const linked = conductor.nextLink();
    await podium.launch();
    const link = await linked;
    await link.request('executor_info');
    return { podium, link, ...workflows };
  }

  const get = async (link: ConductorLink, id: string) =>
    (await link.request('get_workflow', { workflow_id: id, load_input: false })).output;
  const until = (link: ConductorLink, id: string, status: string) =>
    waitFor(async () => (await get(link, id))?.Status === status, 10_000, `${id} ${status}`);

  it('resumes CANCELLED and held-back ENQUEUED workflows in bulk and leaves SUCCESS and ERROR alone', async () => {
    const log = new RunLog();
    const { podium, link, gated, waiter, job, boom, gate } = await connect(log);
    try {
      await gated.start([], { queueName: 'serial' });
      await waitFor(() => log.count('b') === 1);
      const held = await job.start(['held'], { queueName: 'serial' });
      const cancelled = await waiter.start([]);
      await waitFor(() => log.count('begin') === 1);
      await podium.cancelWorkflow(cancelled.workflowId);
      const done = await job.start(['once']);
      await done.getResult();
      const failed = await boom.start([]);
      await failed.getResult().catch(() => undefined);
      const before = await Promise.all([get(link, done.workflowId), get(link, failed.workflowId)]);
      expect(await get(link, held.workflowId)).toMatchObject({ Status: 'ENQUEUED' });

      const ids = [held, cancelled, done, failed].map((handle) => handle.workflowId);
      const answer = await link.request('resume', { workflow_id: ids[0] ?? '', workflow_ids: ids });
      expect(answer).toEqual({ type: 'resume', request_id: answer.request_id, success: true });

      // The queue is still full, yet the resumed workflow runs: the internal queue has no limits.
      await until(link, held.workflowId, 'SUCCESS');
      expect(await get(link, held.workflowId)).toMatchObject({ QueueName: INTERNAL_QUEUE });
      await until(link, cancelled.workflowId, 'PENDING');
      await podium.send(cancelled.workflowId, 'went', 'go');
      await until(link, cancelled.workflowId, 'SUCCESS');
      expect(log.count('begin')).toBe(1);
      expect(await Promise.all([get(link, done.workflowId), get(link, failed.workflowId)])).toEqual(
        before,
      );
      expect([log.count('once'), log.count('fail')]).toEqual([1, 1]);
    } finally {
      gate.resolve();
    }
  });

  it('resumes onto queue_name, and supersedes a PENDING workflow running here', async () => {
    const log = new RunLog();
    const { podium, link, gated, gate } = await connect(log);
    const claims = watchClaims();
    const checkpointReads = watchStorage('getStepState');
    const handle = await gated.start([]);
    await waitFor(() => log.count('b') === 1);
    // An execution begins by reading the checkpoint of its first step.
    const executionsBegun = () =>
      checkpointReads.count(([id, functionId]) => id === handle.workflowId && functionId === 0);
    try {
      const answer = await link.request('resume', {
        workflow_id: handle.workflowId,
        queue_name: 'other',
      });
      expect(answer.success).toBe(true);
      await waitFor(async () => {
        const output = await get(link, handle.workflowId);
        return output?.Status === 'PENDING' && output.QueueName === 'other';
      });
      // Claimed and handed to the runner, whose new execution waits for the old one (still
      // inside step b) to stop: it has not begun.
      await claims.dispatched(handle.workflowId);
      expect(executionsBegun()).toBe(1);
      expect([log.count('b'), log.count('c')]).toEqual([1, 0]);
    } finally {
      gate.resolve();
    }
    expect(await podium.retrieveWorkflow(handle.workflowId).getResult()).toBe('done');
    expect(executionsBegun()).toBe(2);
    expect([log.count('a'), log.count('b'), log.count('c')]).toEqual([1, 1, 1]);
  });

  it('resumes a workflow that ran out of recovery attempts', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    // Runs out of attempts on an executor without a conductor (which recovers itself).
    const options: Partial<PodiumOptions> & { appName: string } = {
      appName,
      executorId: 'flaky',
      maxRecoveryAttempts: 1,
    };
    const start = async () => {
      const podium = harness.podium(options);
      const workflows = defineResumeApp(podium, log);
      await podium.launch();
      return { podium, ...workflows };
    };
    const first = await start();
    const handle = await first.waiter.start([]);
    await waitFor(() => log.count('begin') === 1);
    await first.podium.shutdown();
    await (await start()).podium.shutdown();
    const last = await start();
    await waitFor(
      async () =>
        (await last.podium.getWorkflowStatus(handle.workflowId))?.status ===
        'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
    );
    await last.podium.shutdown();

    const { podium, link } = await connect(log, appName);
    expect(await link.request('resume', { workflow_id: handle.workflowId })).toMatchObject({
      success: true,
    });
    await until(link, handle.workflowId, 'PENDING');
    expect(await get(link, handle.workflowId)).toMatchObject({
      ExecutorID: podium.executorId,
      QueueName: INTERNAL_QUEUE,
    });
    await podium.send(handle.workflowId, 'went', 'go');
    await until(link, handle.workflowId, 'SUCCESS');
    expect(log.count('begin')).toBe(1);
  });

  it('fails the whole request for an unknown id, changing nothing', async () => {
    const log = new RunLog();
    const { podium, link, waiter } = await connect(log);
    const cancelled = await waiter.start([]);
    await waitFor(() => log.count('begin') === 1);
    await podium.cancelWorkflow(cancelled.workflowId);

    const answer = await link.request('resume', {
      workflow_id: cancelled.workflowId,
      workflow_ids: [cancelled.workflowId, 'no-such-workflow'],
    });
    expect(answer).toMatchObject({
      success: false,
      error_message: expect.stringMatching(/no-such-workflow.*does not exist/) as string,
    });
    // The answer comes after the resume's one transaction ended: had it changed anything, the
    // workflow would already be ENQUEUED (or further), never CANCELLED again.
    expect(await get(link, cancelled.workflowId)).toMatchObject({ Status: 'CANCELLED' });
    // An empty list (DBOS TS takes it as is) resumes nothing, successfully. Our encoder
    // refuses to send one, so the frame is written by hand.
    const empty = { type: 'resume', request_id: 'empty', workflow_id: cancelled.workflowId };
    const none = await link.send(JSON.stringify({ ...empty, workflow_ids: [] }), 'empty');
    expect(JSON.parse(none)).toEqual({ type: 'resume', request_id: 'empty', success: true });
    expect(await get(link, cancelled.workflowId)).toMatchObject({ Status: 'CANCELLED' });
  });
});
