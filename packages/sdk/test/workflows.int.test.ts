import { describe, expect, it } from 'vitest';
import {
  AlreadyLaunchedError,
  NotLaunchedError,
  type Podium,
  UnexpectedStepError,
  WorkflowConflictError,
} from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { RunLog, uniqueName } from './helpers/util';

function defineWorkflows(podium: Podium, log: RunLog) {
  const greet = podium.workflow('greet', async (ctx, name: string) => {
    const upper = await ctx.step('upper', () => {
      log.hit('upper');
      return name.toUpperCase();
    });
    const stamped = await ctx.step('stamp', () => {
      log.hit('stamp');
      return { at: new Date('2024-01-02T03:04:05.000Z'), big: 10n ** 20n, none: undefined };
    });
    return { greeting: `hello ${upper}`, stamped };
  });
  const flaky = podium.workflow('flaky', async (ctx, failures: number, retries: number) => {
    return ctx.step(
      'flaky-step',
      () => {
        log.hit('flaky');
        if (log.count('flaky') <= failures) throw new TypeError(`failure ${log.count('flaky')}`);
        return 'ok';
      },
      { retries, initialDelayMs: 5, backoffFactor: 2 },
    );
  });
  const child = podium.workflow('child', async (ctx, n: number) => {
    log.hit('child');
    return ctx.step('double', () => n * 2);
  });
  const parent = podium.workflow('parent', async (ctx, n: number) => {
    const handle = await ctx.startWorkflow(child, [n]);
    const doubled = await handle.getResult();
    return { childId: handle.workflowId, doubled };
  });
  return { greet, flaky, child, parent };
}

describe.each(BACKENDS.map((make) => make()))('workflows on $name', (backend) => {
  const harness = useHarness(backend);

  async function launched(log = new RunLog()) {
    const podium = harness.podium({ appName: uniqueName('app') });
    const workflows = defineWorkflows(podium, log);
    await podium.launch();
    return { podium, log, ...workflows };
  }

  it('runs a workflow, checkpointing each step from function id 0', async () => {
    const { podium, greet } = await launched();
    const handle = await greet.start(['ada'], { workflowId: uniqueName('greet') });
    const result = await handle.getResult();
    expect(result).toEqual({
      greeting: 'hello ADA',
      stamped: { at: new Date('2024-01-02T03:04:05.000Z'), big: 10n ** 20n, none: undefined },
    });
    const status = await handle.getStatus();
    expect(status).toMatchObject({
      workflowId: handle.workflowId,
      workflowName: 'greet',
      status: 'SUCCESS',
      input: ['ada'],
      executorId: 'local',
      applicationVersion: podium.applicationVersion,
      recoveryAttempts: 0,
    });
    expect(status?.completedAt).toBeGreaterThanOrEqual(status?.createdAt ?? Infinity);
    const steps = await podium.listSteps(handle.workflowId);
    expect(steps?.map((s) => [s.functionId, s.functionName, s.error])).toEqual([
      [0, 'upper', null],
      [1, 'stamp', null],
    ]);
    expect(steps?.[0]?.output).toBe('ADA');
  });

  it('runs a workflow once however often, and however concurrently, its id is started', async () => {
    const { podium, log, greet } = await launched();
    const workflowId = uniqueName('idem');
    const handles = await Promise.all(
      Array.from({ length: 5 }, () => greet.start(['bob'], { workflowId })),
    );
    for (const handle of handles) expect(handle.workflowId).toBe(workflowId);
    await Promise.all(handles.map((handle) => handle.getResult()));
    const again = await greet.start(['someone else'], { workflowId });
    expect((await again.getResult()).greeting).toBe('hello BOB');
    expect(log.count('upper')).toBe(1);
    expect(await podium.listWorkflows({ workflowIds: [workflowId] })).toHaveLength(1);
  });

  it('refuses to reuse a workflow id for another workflow function', async () => {
    const { greet, child } = await launched();
    const workflowId = uniqueName('taken');
    await (await greet.start(['x'], { workflowId })).getResult();
    await expect(child.start([1], { workflowId })).rejects.toBeInstanceOf(WorkflowConflictError);
  });

  it('retries a failing step with backoff and records only the final outcome', async () => {
    const { podium, log, flaky } = await launched();
    const ok = await flaky.start([2, 3]);
    expect(await ok.getResult()).toBe('ok');
    expect(log.count('flaky')).toBe(3);
    expect(await podium.listSteps(ok.workflowId)).toHaveLength(1);
  });

  it('records the last error once retries are exhausted and fails the workflow', async () => {
    const { podium, log, flaky } = await launched();
    const failed = await flaky.start([10, 2]);
    const error = await failed.getResult().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'TypeError', message: 'failure 3' });
    expect(log.count('flaky')).toBe(3);
    expect((await failed.getStatus())?.status).toBe('ERROR');
    const [step] = (await podium.listSteps(failed.workflowId)) ?? [];
    expect(step?.error).toMatchObject({ name: 'TypeError', message: 'failure 3' });
  });

  it('checkpoints child workflow starts and links the child to its parent', async () => {
    const { podium, log, parent } = await launched();
    const handle = await parent.start([21], { workflowId: uniqueName('parent') });
    const result = await handle.getResult();
    expect(result).toEqual({ childId: `${handle.workflowId}-0`, doubled: 42 });
    expect(log.count('child')).toBe(1);
    const [childStatus] = await podium.listWorkflows({ parentWorkflowId: handle.workflowId });
    expect(childStatus).toMatchObject({ workflowId: result.childId, status: 'SUCCESS' });
    const steps = await podium.listSteps(handle.workflowId);
    expect(steps?.[0]).toMatchObject({ functionName: 'child', childWorkflowId: result.childId });
  });

  it('replays a forked child start instead of starting another child', async () => {
    const { podium, log, parent } = await launched();
    const original = await parent.start([5]);
    const { childId } = await original.getResult();
    const fork = await podium.forkWorkflow<{ childId: string }>(original.workflowId, 1);
    expect((await fork.getResult()).childId).toBe(childId);
    expect(log.count('child')).toBe(1);
  });

  it('fails a workflow whose code no longer matches its checkpoints', async () => {
    const log = new RunLog();
    const podium = harness.podium({ appName: uniqueName('app') });
    const { greet } = defineWorkflows(podium, log);
    const drifted = podium.workflow('drifted', async (ctx) => {
      await ctx.step(log.count('upper') === 0 ? 'first' : 'renamed', () => log.hit('upper'));
    });
    await podium.launch();
    const run = await drifted.start([]);
    await run.getResult();
    const fork = await podium.forkWorkflow(run.workflowId, 1);
    await expect(fork.getResult()).rejects.toMatchObject({
      name: UnexpectedStepError.name,
      code: 'UNEXPECTED_STEP',
    });
    expect((await fork.getStatus())?.status).toBe('ERROR');
    expect(greet.workflowName).toBe('greet');
  });

  it('is called directly as a function to run to completion', async () => {
    const { greet } = await launched();
    expect((await greet('eve')).greeting).toBe('hello EVE');
  });

  it('guards its lifecycle with typed errors', async () => {
    const podium = harness.podium({ appName: uniqueName('app') });
    const { greet } = defineWorkflows(podium, new RunLog());
    await expect(greet.start(['x'])).rejects.toBeInstanceOf(NotLaunchedError);
    await podium.launch();
    expect(() => podium.workflow('late', () => Promise.resolve(1))).toThrow(AlreadyLaunchedError);
    await expect(podium.launch()).rejects.toBeInstanceOf(AlreadyLaunchedError);
    await expect(podium.forkWorkflow('missing', 0)).rejects.toMatchObject({
      code: 'WORKFLOW_NOT_FOUND',
    });
    expect(await podium.getWorkflowStatus('missing')).toBeNull();
    expect(await podium.listSteps('missing')).toBeNull();
    const handle = await greet.start(['x']);
    await handle.getResult();
    await podium.shutdown();
    await expect(handle.getResult()).rejects.toBeInstanceOf(NotLaunchedError);
    await expect(podium.listWorkflows()).rejects.toBeInstanceOf(NotLaunchedError);
  });
});
