import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  GetWorkflowResponseSchema,
  ListWorkflowStepsResponseSchema,
  ListWorkflowsResponseSchema,
} from '@podium/protocol';
import { Podium, SDK_VERSION_STRING } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry, type LiveExecutor } from '../../src/modules/executors/executor-registry';
import { ExecutorListingsRepository } from '../../src/modules/executors/executor-listings.repository';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * The contract between our two halves: an app built on @podium/sdk (in this process, on its
 * own PostgreSQL database) connects to a real control plane with an API key, shows up as an
 * executor, and is driven through the gateway link and the HTTP API. Every action is checked
 * against the app's own view of its workflows, so the state really changed.
 */
describe('a @podium/sdk app as an executor of the control plane', () => {
  let appDb: ScratchDatabase;
  let server: RunningControlPlane;
  let podium: Podium;
  let live: LiveExecutor;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let app: { id: string; name: string };
  let base: string;
  let key: string;
  const ids = { success: 'compose-1', error: 'failing-1', pending: 'waiting-1' };

  const get = async (workflowId: string) => {
    const res = await api('get', `${base}/workflows/${workflowId}`, { key });
    return res.status === 200 ? GetWorkflowResponseSchema.parse(res.body) : undefined;
  };
  const post = (path: string, body?: unknown) => api('post', `${base}${path}`, { key, body });
  /** The truth, read by the app itself from its own database. */
  const statusInApp = async (workflowId: string) =>
    (await podium.getWorkflowStatus(workflowId))?.status ?? 'GONE';
  const untilInApp = (workflowId: string, statuses: string[]) =>
    waitUntil(
      async () => statuses.includes(await statusInApp(workflowId)),
      15_000,
      `${workflowId} in ${statuses.join('|')}`,
    );

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    appDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its own schema
    server = stack.server;
    api = apiClient(server.url);
    const f = factories(server.app);
    org = await f.newOrg();
    app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;

    podium = new Podium({
      appName: app.name,
      databaseUrl: appDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
      conductorExecutorMetadata: { suite: 'podium-e2e-sdk' },
      queuePollIntervalMs: 50,
      pollIntervalMs: 50,
    });
    podium.queue('podium-serial', { concurrency: 1 });
    const compose = podium.workflow('compose', async (ctx, name: string) => {
      const greeting = await ctx.step('greet', () => `hello ${name}`);
      return ctx.step('shout', () => greeting.toUpperCase());
    });
    const failing = podium.workflow('failing', async (ctx, order: string) => {
      await ctx.step('reserve', () => `reserved ${order}`);
      return ctx.step('charge', (): string => {
        throw new Error(`card declined for ${order}`);
      });
    });
    const waiting = podium.workflow('waiting', async (ctx, topic: string) => {
      await ctx.step('begin', () => 'waiting');
      return (await ctx.recv<string>(topic, 300_000)) ?? 'timed out';
    });
    await podium.launch();
    await (await compose.start(['podium'], { workflowId: ids.success })).getResult();
    await (await failing.start(['order-1'], { workflowId: ids.error })).getResult().catch(() => 0);
    await waiting.start(['go'], { workflowId: ids.pending });

    const registry = server.app.get(ExecutorRegistry);
    live = await waitUntil(() => registry.forApplication(app.id)[0], 15_000, 'SDK link');
  }, 90_000);

  afterAll(async () => {
    await podium?.shutdown();
    await appDb?.drop();
  });

  it('connects with its key and reports who it is', async () => {
    expect(live.identity).toEqual({
      executorId: podium.executorId,
      applicationVersion: podium.applicationVersion,
      hostname: expect.any(String) as string,
      language: 'typescript',
      sdkVersion: SDK_VERSION_STRING,
      metadata: { suite: 'podium-e2e-sdk' },
    });
    const [record] = await server.app
      .get(ExecutorListingsRepository)
      .findForApplication(org.id, app.id);
    expect(record).toMatchObject({ status: 'CONNECTED', executorId: podium.executorId });
  });

  it('answers the gateway link: its workflows and steps, exactly as they ran', async () => {
    const got = await live.link.request('get_workflow', { workflow_id: ids.success });
    expect(got.error_message ?? undefined).toBeUndefined();
    expect(got.output).toMatchObject({
      WorkflowUUID: ids.success,
      Status: 'SUCCESS',
      WorkflowName: 'compose',
      Input: "[ 'podium' ]",
      Output: "'HELLO PODIUM'",
      ExecutorID: podium.executorId,
      ApplicationName: app.name,
    });
    const steps = await live.link.request('list_steps', { workflow_id: ids.error });
    expect(steps.output?.map((s) => [s.function_name, s.error ? 'error' : 'ok'])).toEqual([
      ['reserve', 'ok'],
      ['charge', 'error'],
    ]);
    const pending = await live.link.request('list_workflows', {
      body: { status: 'PENDING', workflow_name: 'waiting' },
    });
    expect(pending.output?.map((w) => w.WorkflowUUID)).toEqual([ids.pending]);
    const missing = await live.link.request('get_workflow', { workflow_id: 'no-such-workflow' });
    expect(missing.output ?? null).toBeNull();
    const events = await live.link.request('get_workflow_events', { workflow_id: ids.success });
    expect(events.error_message ?? undefined).toBeUndefined();
    expect(events.events).toEqual([]);
  });

  it('lists and reads its workflows through the HTTP API', async () => {
    const listed = await api('get', `${base}/workflows`, { key });
    expect(listed.status).toBe(200);
    expect(
      ListWorkflowsResponseSchema.parse(listed.body)
        .map((w) => `${w.workflowId}:${w.status}`)
        .sort(),
    ).toEqual([`${ids.success}:SUCCESS`, `${ids.error}:ERROR`, `${ids.pending}:PENDING`].sort());
    expect(await get(ids.success)).toMatchObject({
      status: 'SUCCESS',
      workflowName: 'compose',
      input: "[ 'podium' ]",
      output: "'HELLO PODIUM'",
      applicationName: app.name,
      executorId: podium.executorId,
    });
    expect((await get(ids.error))?.error).toContain('card declined for order-1');
    const steps = ListWorkflowStepsResponseSchema.parse(
      (await api('get', `${base}/workflows/${ids.success}/steps`, { key })).body,
    );
    expect(steps.map((s) => [s.stepId, s.stepName, s.output])).toEqual([
      [0, 'greet', "'hello podium'"],
      [1, 'shout', "'HELLO PODIUM'"],
    ]);
    expect((await api('get', `${base}/workflows/no-such-workflow`, { key })).status).toBe(404);
    const queue = await api('get', `${base}/queues/podium-serial`, { key });
    expect(queue.body).toMatchObject({ name: 'podium-serial', concurrency: 1 });
  });

  it('cancels and resumes a PENDING workflow through the HTTP API: the app sees it', async () => {
    const cancelled = await post(`/workflows/${ids.pending}/cancel`);
    expect(cancelled.body).toEqual({
      workflowId: ids.pending,
      outcome: 'SUCCESS',
      status: 'CANCELLED',
    });
    expect(await statusInApp(ids.pending)).toBe('CANCELLED');

    const resumed = await post(`/workflows/${ids.pending}/resume`);
    expect(resumed.status).toBe(200);
    await untilInApp(ids.pending, ['PENDING']);
    // It really runs again: a message completes it.
    await podium.send(ids.pending, 'went', 'go');
    await untilInApp(ids.pending, ['SUCCESS']);
    expect(await podium.retrieveWorkflow(ids.pending).getResult()).toBe('went');
  });

  it('forks the failed workflow from its failing step, one by id and in bulk', async () => {
    const newWorkflowId = 'failing-1-fork';
    const fork = await post(`/workflows/${ids.error}/fork`, { startStep: 1, newWorkflowId });
    expect(fork.body).toMatchObject({
      workflowId: newWorkflowId,
      forkedFrom: ids.error,
      newWorkflowId,
    });
    await untilInApp(newWorkflowId, ['ERROR']);
    expect(await podium.getWorkflowStatus(newWorkflowId)).toMatchObject({
      forkedFrom: ids.error,
      workflowName: 'failing',
    });
    expect((await podium.listSteps(newWorkflowId))?.map((s) => s.functionName)).toEqual([
      'reserve',
      'charge',
    ]);

    const bulk = await post('/workflows/bulk-fork-from-failure', {
      workflowIds: [ids.error, 'no-such-workflow'],
    });
    expect(bulk.status).toBe(200);
    const [forked, missing] = bulk.body.results as Array<Record<string, unknown>>;
    expect(missing).toMatchObject({ workflowId: 'no-such-workflow', outcome: 'NOT_FOUND' });
    expect(forked).toMatchObject({ workflowId: ids.error, outcome: 'SUCCESS' });
    await untilInApp(String(forked?.newWorkflowId), ['ERROR']);

    const deleted = await api('delete', `${base}/workflows/${newWorkflowId}`, { key });
    expect(deleted.body).toEqual({ workflowId: newWorkflowId, outcome: 'SUCCESS', status: null });
    expect(await statusInApp(newWorkflowId)).toBe('GONE');
    const forks = await post('/workflows/search', { forkedFrom: [ids.error] });
    expect(ListWorkflowsResponseSchema.parse(forks.body).map((w) => w.workflowId)).toEqual([
      forked?.newWorkflowId,
    ]);
  });

  it('is marked DISCONNECTED when the app shuts down', async () => {
    await podium.shutdown();
    await waitUntil(
      async () => {
        const [record] = await server.app
          .get(ExecutorListingsRepository)
          .findForApplication(org.id, app.id);
        return record?.status === 'DISCONNECTED';
      },
      10_000,
      'DISCONNECTED record',
    );
    // Steps need a live executor (lists and workflows come from the last-known index then:
    // last-known.e2e.test.ts).
    const res = await api('get', `${base}/workflows/${ids.success}/steps`, { key });
    expect(res).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
  });
});
