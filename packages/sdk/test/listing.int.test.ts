import { beforeAll, describe, expect, it } from 'vitest';
import type { Podium, WorkflowStatus } from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { uniqueName, untilClockPasses } from './helpers/util';

describe.each(BACKENDS.map((make) => make()))('listing on $name', (backend) => {
  const harness = useHarness(backend);
  const appName = uniqueName('app');
  let podium: Podium;
  let all: WorkflowStatus[];
  let midpoint: number;

  beforeAll(async () => {
    podium = harness.podium({ appName, applicationVersion: 'v-list' });
    const echo = podium.workflow('echo', async (ctx, value: string) =>
      ctx.step('echo', () => value),
    );
    const boom = podium.workflow('boom', async (ctx) => {
      await ctx.step('explode', () => {
        throw new Error('kaboom');
      });
    });
    const parent = podium.workflow('parent', async (ctx) => {
      const child = await ctx.startWorkflow(echo, ['from-parent']);
      return child.getResult();
    });
    await podium.launch();
    await (
      await echo.start(['one'], { workflowId: 'order-1', authenticatedUser: 'ann' })
    ).getResult();
    const two = await echo.start(['two'], { workflowId: 'order-2' });
    await two.getResult();
    // Later than every timestamp of the two orders, earlier than any of what follows.
    midpoint = ((await two.getStatus())?.completedAt ?? Number.NaN) + 1;
    await untilClockPasses(midpoint);
    await (await boom.start([], { workflowId: 'boom-1' })).getResult().catch(() => undefined);
    await (await parent.start([], { workflowId: 'parent-1' })).getResult();
    // Another application's workflows in the same database are never listed.
    const stranger = harness.podium({ appName: uniqueName('other') });
    const strange = stranger.workflow('echo', (_ctx, value: string) => Promise.resolve(value));
    await stranger.launch();
    await (await strange.start(['x'], { workflowId: 'order-3' })).getResult();
    all = await podium.listWorkflows();
  });
  // The harness shuts instances down after each test; relaunching is not needed for reads,
  // so every test below lists through a fresh instance of the same application.
  const reader = async () => {
    const instance = harness.podium({ appName, executorId: 'reader' });
    await instance.launch();
    return instance;
  };

  const ids = (rows: WorkflowStatus[]) => rows.map((row) => row.workflowId);

  it('lists only this application, oldest first, with inputs and outputs', () => {
    expect(ids(all)).toEqual(['order-1', 'order-2', 'boom-1', 'parent-1', 'parent-1-0']);
    expect(all[0]).toMatchObject({ input: ['one'], output: 'one', authenticatedUser: 'ann' });
    expect(all[2]).toMatchObject({ status: 'ERROR', error: { message: 'kaboom' } });
  });

  it('filters by status, name, ids, prefix, user, version, executor and parent', async () => {
    const list = await reader();
    expect(ids(await list.listWorkflows({ status: 'ERROR' }))).toEqual(['boom-1']);
    expect(ids(await list.listWorkflows({ status: ['ERROR', 'PENDING'] }))).toEqual(['boom-1']);
    expect(ids(await list.listWorkflows({ workflowName: ['boom', 'parent'] }))).toEqual([
      'boom-1',
      'parent-1',
    ]);
    expect(ids(await list.listWorkflows({ workflowIds: ['order-2', 'order-3'] }))).toEqual([
      'order-2',
    ]);
    expect(ids(await list.listWorkflows({ workflowIdPrefix: 'order-' }))).toEqual([
      'order-1',
      'order-2',
    ]);
    expect(ids(await list.listWorkflows({ workflowIdPrefix: 'order_' }))).toEqual([]);
    expect(ids(await list.listWorkflows({ authenticatedUser: 'ann' }))).toEqual(['order-1']);
    expect(await list.listWorkflows({ applicationVersion: 'v-list' })).toHaveLength(5);
    expect(await list.listWorkflows({ applicationVersion: 'nope' })).toHaveLength(0);
    expect(await list.listWorkflows({ executorId: 'local' })).toHaveLength(5);
    expect(await list.listWorkflows({ executorId: 'reader' })).toHaveLength(0);
    expect(ids(await list.listWorkflows({ parentWorkflowId: 'parent-1' }))).toEqual(['parent-1-0']);
    expect(await list.listWorkflows({ queueName: '_podium_internal_queue' })).toHaveLength(0);
  });

  it('filters by creation time window and pages in either order', async () => {
    const list = await reader();
    expect(ids(await list.listWorkflows({ endTime: midpoint }))).toEqual(['order-1', 'order-2']);
    expect(ids(await list.listWorkflows({ startTime: new Date(midpoint) }))).toEqual([
      'boom-1',
      'parent-1',
      'parent-1-0',
    ]);
    expect(ids(await list.listWorkflows({ limit: 2, offset: 1 }))).toEqual(['order-2', 'boom-1']);
    expect(ids(await list.listWorkflows({ sortDesc: true, limit: 2 }))).toEqual([
      'parent-1-0',
      'parent-1',
    ]);
  });

  it('filters by completion and start windows, forks, parents and active queue entries', async () => {
    const list = await reader();
    expect(ids(await list.listWorkflows({ completedAfter: midpoint }))).toEqual([
      'boom-1',
      'parent-1',
      'parent-1-0',
    ]);
    expect(ids(await list.listWorkflows({ startedBefore: midpoint }))).toEqual([
      'order-1',
      'order-2',
    ]);
    expect(ids(await list.listWorkflows({ hasParent: true }))).toEqual(['parent-1-0']);
    expect(await list.listWorkflows({ hasParent: false })).toHaveLength(4);
    expect(await list.listWorkflows({ wasForkedFrom: true })).toHaveLength(0);
    expect(await list.listWorkflows({ queuesOnly: true })).toHaveLength(0);
  });

  it('leaves inputs and outputs out when asked to', async () => {
    const list = await reader();
    const [row] = await list.listWorkflows({
      workflowIds: ['order-1'],
      loadInput: false,
      loadOutput: false,
    });
    expect(row).toMatchObject({ workflowId: 'order-1', status: 'SUCCESS' });
    expect(row).not.toHaveProperty('input');
    expect(row).not.toHaveProperty('output');
  });

  it('lists steps with paging and optional outputs', async () => {
    const list = await reader();
    const steps = await list.listSteps('parent-1');
    expect(steps).toEqual([
      expect.objectContaining({
        functionId: 0,
        functionName: 'echo',
        childWorkflowId: 'parent-1-0',
      }),
    ]);
    const [boom] = (await list.listSteps('boom-1', { loadOutput: false })) ?? [];
    expect(boom).toMatchObject({ functionName: 'explode', error: { message: 'kaboom' } });
    expect(boom?.startedAt).toBeLessThanOrEqual(boom?.completedAt ?? 0);
    expect(await list.listSteps('order-1', { offset: 1 })).toEqual([]);
    expect(await list.listSteps('order-1', { limit: 1 })).toHaveLength(1);
  });

  it('deletes a workflow with its descendants and their data', async () => {
    const list = await reader();
    expect(await list.deleteWorkflow('order-1')).toEqual(['order-1']);
    expect((await list.deleteWorkflow('parent-1', { deleteChildren: true })).sort()).toEqual([
      'parent-1',
      'parent-1-0',
    ]);
    expect(await list.deleteWorkflow('parent-1')).toEqual([]);
    expect(await list.listSteps('parent-1')).toBeNull();
    expect(ids(await list.listWorkflows())).toEqual(['order-2', 'boom-1']);
  });
});
