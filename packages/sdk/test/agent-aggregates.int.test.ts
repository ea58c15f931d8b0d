/**
 * `get_workflow_aggregates` and `get_step_aggregates` in DBOS TypeScript's shapes: groupings,
 * selections (a count when none), time buckets, filters (empty lists filter nothing), and
 * errors answered with an empty output. Expected figures are computed from the workflows'
 * own statuses and steps.
 */
import { toWireTimestamp } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Podium, WorkflowStatus } from '../src';
import { connectApp } from './helpers/agent-app';
import { BACKENDS } from './helpers/backends';
import { FakeConductor } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { waitFor } from './helpers/util';

function defineApp(podium: Podium) {
  podium.queue('serial', { concurrency: 1 });
  const echo = podium.workflow('echo', (ctx, value: string) => ctx.step('say', () => value));
  const boom = podium.workflow('boom', async (ctx, order: string) => {
    await ctx.step('reserve', () => `reserved ${order}`);
    await ctx.step('charge', () => {
      throw new Error(`card declined for ${order}`);
    });
  });
  const waiter = podium.workflow('waiter', async (ctx, topic: string) => {
    await ctx.step('begin', () => 'waiting');
    return (await ctx.recv<string>(topic, 600_000)) ?? 'timed out';
  });
  return { echo, boom, waiter };
}

const max = (values: number[]) => Math.max(...values);

describe.each(BACKENDS.map((make) => make()))('aggregates on $name', (backend) => {
  const harness = useHarness(backend);
  let conductor: FakeConductor;
  beforeAll(async () => (conductor = await FakeConductor.start()));
  afterAll(() => conductor.close());

  /** Two echoes, a failure, one waiter running on `serial` and one queued behind it. */
  async function populated() {
    const app = await connectApp(harness, conductor, defineApp);
    const { podium, echo, boom, waiter, appName } = app;
    await echo('a');
    await echo('b');
    await (await boom.start(['o-1'])).getResult().catch(() => undefined);
    const running = await waiter.start(['q'], { workflowId: `${appName}-q1`, queueName: 'serial' });
    await waiter.start(['q'], { workflowId: `${appName}-q2`, queueName: 'serial' });
    await waitFor(async () => (await running.getStatus())?.status === 'PENDING');
    await waitFor(async () => ((await podium.listSteps(running.workflowId)) ?? []).length > 0);
    return { ...app, all: await podium.listWorkflows() };
  }

  const row = (group: Record<string, string | null>, values: Record<string, number | null>) => ({
    group,
    count: null,
    min_created_at: null,
    max_queue_wait_ms: null,
    max_total_latency_ms: null,
    ...values,
  });

  it('groups workflows by status and name, counting when nothing is selected', async () => {
    const { link } = await populated();
    const answer = await link.request('get_workflow_aggregates', {
      body: { group_by_status: true, group_by_name: true },
    });
    expect(answer.error_message).toBeUndefined();
    expect(answer.output).toEqual(
      expect.arrayContaining([
        row({ status: 'SUCCESS', name: 'echo' }, { count: 2 }),
        row({ status: 'ERROR', name: 'boom' }, { count: 1 }),
        row({ status: 'PENDING', name: 'waiter' }, { count: 1 }),
        row({ status: 'ENQUEUED', name: 'waiter' }, { count: 1 }),
      ]),
    );
    expect(answer.output).toHaveLength(4);
  });

  it('selects the earliest creation, the longest queue wait and the longest run', async () => {
    const { link, all } = await populated();
    const answer = await link.request('get_workflow_aggregates', {
      body: {
        group_by_queue_name: true,
        select_count: true,
        select_min_created_at: true,
        select_max_queue_wait_ms: true,
        select_max_total_latency_ms: true,
      },
    });
    const queued = all.filter((w) => w.queueName === 'serial');
    const direct = all.filter((w) => w.queueName === null);
    const latency = (ws: WorkflowStatus[]) =>
      max(ws.filter((w) => w.completedAt !== null).map((w) => (w.completedAt ?? 0) - w.createdAt));
    expect(answer.output).toEqual(
      expect.arrayContaining([
        row(
          { queue_name: 'serial' },
          {
            count: 2,
            min_created_at: Math.min(...queued.map((w) => w.createdAt)),
            max_queue_wait_ms: max(
              queued
                .filter((w) => w.startedAt !== null)
                .map((w) => (w.startedAt ?? 0) - w.createdAt),
            ),
            max_total_latency_ms: null,
          },
        ),
        row(
          { queue_name: null },
          {
            count: 3,
            min_created_at: Math.min(...direct.map((w) => w.createdAt)),
            max_queue_wait_ms: null,
            max_total_latency_ms: latency(direct),
          },
        ),
      ]),
    );
    expect(answer.output).toHaveLength(2);
  });

  it('buckets by creation time and applies the list filters', async () => {
    const { link, all, appName } = await populated();
    const size = 3_600_000;
    const buckets = new Map<string, number>();
    for (const w of all) {
      const bucket = String(Math.floor(w.createdAt / size) * size);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    const bucketed = await link.request('get_workflow_aggregates', {
      body: { time_bucket_size_ms: size },
    });
    expect(bucketed.output).toEqual(
      [...buckets].map(([bucket, count]) => row({ time_bucket: bucket }, { count })),
    );

    const count = async (filters: Record<string, unknown>) => {
      const answer = await link.request('get_workflow_aggregates', {
        body: { group_by_application_name: true, ...filters },
      });
      expect(answer.error_message).toBeUndefined();
      return answer.output?.reduce((sum, r) => sum + (r.count ?? 0), 0);
    };
    expect(await count({})).toBe(5);
    expect(await count({ status: ['SUCCESS', 'ERROR'] })).toBe(3);
    expect(await count({ name: ['waiter'], queue_name: ['serial'] })).toBe(2);
    expect(await count({ workflow_id_prefix: [`${appName}-q`] })).toBe(2);
    expect(await count({ workflow_ids: [`${appName}-q1`, 'nope'] })).toBe(1);
    expect(await count({ status: [], name: [] })).toBe(5);
    expect(await count({ start_time: toWireTimestamp(Date.now() + 60_000) })).toBe(0);
    expect(await count({ application_name: [appName] })).toBe(5);
    expect(await count({ application_name: ['another-app'] })).toBe(0);
    expect(await count({ schedule_name: ['nightly'] })).toBe(0);
    expect(await count({ has_parent: true })).toBe(0);
  });

  it('groups steps by function and outcome, with the longest duration', async () => {
    const { link, podium, all } = await populated();
    const steps = (
      await Promise.all(all.map(async (w) => (await podium.listSteps(w.workflowId)) ?? []))
    ).flat();
    const longest = (name: string) =>
      max(
        steps.filter((s) => s.functionName === name).map((s) => s.completedAt - (s.startedAt ?? 0)),
      );
    const answer = await link.request('get_step_aggregates', {
      body: { group_by_function_name: true, group_by_status: true, select_max_duration_ms: true },
    });
    const step = (name: string, status: string) => ({
      group: { function_name: name, status },
      count: null,
      max_duration_ms: longest(name),
    });
    expect(answer.output).toEqual(
      expect.arrayContaining([
        step('say', 'SUCCESS'),
        step('reserve', 'SUCCESS'),
        step('charge', 'ERROR'),
        step('begin', 'SUCCESS'),
        // The recorded deadline of the waiter's recv.
        step('podium.sleep', 'SUCCESS'),
      ]),
    );
    expect(answer.output).toHaveLength(5);

    const counted = async (filters: Record<string, unknown>) =>
      (
        await link.request('get_step_aggregates', {
          body: { group_by_function_name: true, ...filters },
        })
      ).output;
    expect(await counted({ status: ['ERROR'] })).toEqual([
      { group: { function_name: 'charge' }, count: 1, max_duration_ms: null },
    ]);
    expect(await counted({ function_name: ['say'] })).toEqual([
      { group: { function_name: 'say' }, count: 2, max_duration_ms: null },
    ]);
    expect(await counted({ completed_after: toWireTimestamp(Date.now() + 60_000) })).toEqual([]);
    expect(await counted({ application_name: ['another-app'] })).toEqual([]);
  });

  it('answers an aggregate without a grouping with an error and an empty output', async () => {
    const { link } = await connectApp(harness, conductor, defineApp);
    for (const type of ['get_workflow_aggregates', 'get_step_aggregates'] as const) {
      const answer = await link.request(type, { body: { select_count: true } });
      expect(answer.output).toEqual([]);
      expect(answer.error_message).toMatch(/At least one group_by flag/);
    }
  });
});
