import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  ForkWorkflowResponseSchema,
  GetWorkflowResponseSchema,
  ListApplicationVersionsResponseSchema,
  ListExecutorsResponseSchema,
  ListWorkflowStepsResponseSchema,
  ListWorkflowsResponseSchema,
  LiveEventSchema,
  type Workflow,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { openSse } from './sse-client';
import { pageOf } from './test-browser';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * The whole path with an unmodified DBOS Transact 5.2.11 app: HTTP API → proxy → WebSocket →
 * DBOS → its system database, and back. Every state change is verified by reading it back
 * through the API.
 */
describe('workflow API against a real DBOS Transact 5.2.11 executor', () => {
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let executor: DbosExecutorProcess;
  let api: ReturnType<typeof apiClient>;
  let sse: Awaited<ReturnType<typeof openSse>>;
  let org: { id: string; name: string };
  let base: string;
  let key: string;
  let ids: Record<string, string>;

  const get = async (workflowId: string) => {
    const res = await api('get', `${base}/workflows/${workflowId}`, { key });
    return res.status === 200 ? GetWorkflowResponseSchema.parse(res.body) : undefined;
  };
  const statusOf = async (workflowId: string) => (await get(workflowId))?.status ?? 'GONE';
  const until = (workflowId: string, statuses: string[]) =>
    waitUntil(
      async () => statuses.includes(await statusOf(workflowId)),
      15_000,
      `${workflowId} in ${statuses.join('|')}`,
    );
  const post = (path: string, body?: unknown) => api('post', `${base}${path}`, { key, body });

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = stack.server;
    api = apiClient(server.url);
    const f = factories(server.app);
    org = await f.newOrg();
    const app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
    sse = await openSse(`${server.url}${base}/events`, { authorization: `Bearer ${key}` });
    executor = await startDbosExecutor({
      appName: app.name,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: dbosSystemDb.url,
      scenario: 'operations',
    });
    ids = { success: executor.workflowId, ...executor.workflows };
  }, 90_000);

  afterAll(async () => {
    sse?.close();
    await executor?.stop();
    await dbosSystemDb?.drop();
  });

  it('announces the executor on the live stream and lists it with its version', async () => {
    const connected = LiveEventSchema.parse((await sse.next('executor.connected', 15_000)).data);
    expect(connected).toMatchObject({
      executor: {
        language: 'typescript',
        dbosVersion: '5.2.11',
        executorMetadata: { suite: 'podium-e2e' },
      },
    });
    const executors = await api('get', `${base}/executors`, { key });
    expect(pageOf(executors, ListExecutorsResponseSchema)).toMatchObject({
      total: 1,
      items: [{ status: 'HEALTHY' }],
    });
    const versions = await api('get', `${base}/versions`, { key });
    expect(pageOf(versions, ListApplicationVersionsResponseSchema)).toMatchObject({
      source: 'executors',
      items: [{ latest: true, connectedExecutors: 1 }],
    });
    if (connected.type === 'executor.connected') {
      expect(versions.body).toMatchObject([{ versionName: connected.executor.appVersion }]);
    }
  });

  it('reads its workflows in every state: SUCCESS, ERROR, PENDING, ENQUEUED', async () => {
    const { success, error, pending, queueRunning, queueWaiting } = ids;
    await until(queueRunning ?? '', ['PENDING']);
    expect(await get(success ?? '')).toMatchObject({
      status: 'SUCCESS',
      workflowName: 'compose',
      input: "[ 'podium' ]",
      output: "'HELLO PODIUM'",
      applicationName: expect.any(String) as string,
    });
    const failed = await get(error ?? '');
    expect(failed).toMatchObject({ status: 'ERROR', workflowName: 'failing' });
    expect(failed?.error).toContain('card declined for order-1');
    expect(await statusOf(pending ?? '')).toBe('PENDING');
    expect(await statusOf(queueWaiting ?? '')).toBe('ENQUEUED');

    const enqueued = await api('get', `${base}/workflows?status=ENQUEUED`, { key });
    expect(ListWorkflowsResponseSchema.parse(enqueued.body).map((w) => w.workflowId)).toEqual([
      queueWaiting,
    ]);
    const errors = await post('/workflows/search', {
      status: ['ERROR'],
      workflowName: ['failing'],
      loadInput: true,
    });
    expect(errors.body).toMatchObject([{ workflowId: error, input: "[ 'order-1' ]" }]);
    const queued = await post('/workflows/search', {
      queueName: ['podium-serial'],
      queuesOnly: true,
      sortDesc: false,
    });
    expect(
      ListWorkflowsResponseSchema.parse(queued.body).map((w) => `${w.workflowId}:${w.status}`),
    ).toEqual([`${queueRunning}:PENDING`, `${queueWaiting}:ENQUEUED`]);

    const steps = ListWorkflowStepsResponseSchema.parse(
      (await api('get', `${base}/workflows/${success}/steps`, { key })).body,
    );
    expect(steps.map((s) => [s.stepId, s.stepName, s.output])).toEqual([
      [0, 'greet', "'hello podium'"],
      [1, 'shout', "'HELLO PODIUM'"],
    ]);
    const failedSteps = ListWorkflowStepsResponseSchema.parse(
      (await api('get', `${base}/workflows/${error}/steps`, { key })).body,
    );
    expect(failedSteps.map((s) => [s.stepName, s.error !== null])).toEqual([
      ['reserve', false],
      ['charge', true],
    ]);
    expect((await api('get', `${base}/workflows/no-such-workflow`, { key })).status).toBe(404);
  });

  it('reads its queues and their queued workflows', async () => {
    const queues = await api('get', `${base}/queues`, { key });
    expect(queues.status).toBe(200);
    expect(queues.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'podium-serial', concurrency: 1 })]),
    );
    const queue = await api('get', `${base}/queues/podium-serial`, { key });
    expect(queue.body).toMatchObject({ name: 'podium-serial', concurrency: 1 });
    expect((await api('get', `${base}/queues/no-such-queue`, { key })).status).toBe(404);
    const queued = await api('get', `${base}/queues/podium-serial/workflows`, { key });
    expect(ListWorkflowsResponseSchema.parse(queued.body).map((w) => w.workflowId)).toEqual([
      ids.queueRunning,
      ids.queueWaiting,
    ]);
  });

  it('cancels a PENDING workflow and resumes it: the state really changes', async () => {
    const id = ids.pending ?? '';
    const cancelled = await post(`/workflows/${id}/cancel`);
    expect(cancelled.body).toEqual({ workflowId: id, outcome: 'SUCCESS', status: 'CANCELLED' });
    expect(await statusOf(id)).toBe('CANCELLED');
    const listed = await api('get', `${base}/workflows?status=CANCELLED`, { key });
    expect(ListWorkflowsResponseSchema.parse(listed.body).map((w) => w.workflowId)).toContain(id);

    const resumed = await post(`/workflows/${id}/resume`);
    expect(resumed.status).toBe(200);
    expect(['ENQUEUED', 'PENDING']).toContain(resumed.body.status);
    await until(id, ['PENDING']);
  });

  it('forks the failed workflow from its failing step, one by id and in bulk', async () => {
    const original = ids.error ?? '';
    const newWorkflowId = `fork-${executor.child.pid}`;
    const fork = await post(`/workflows/${original}/fork`, { startStep: 1, newWorkflowId });
    expect(fork).toMatchObject({
      status: 201,
      body: { workflowId: newWorkflowId, forkedFrom: original, newWorkflowId },
    });
    // DBOS's 201 names the new workflow's address.
    expect(fork.headers.get('location')).toBe(`${base}/workflows/${newWorkflowId}`);
    await until(newWorkflowId, ['ERROR']);
    expect(await get(newWorkflowId)).toMatchObject({
      forkedFrom: original,
      workflowName: 'failing',
    });
    // As DBOS Conductor, every field is optional: from the start, under an id the executor picks.
    const fromStart = await post(`/workflows/${original}/fork`);
    expect(fromStart.status).toBe(201);
    const fromStartId = ForkWorkflowResponseSchema.parse(fromStart.body).workflowId;
    expect(fromStartId).not.toBe(original);
    await until(fromStartId, ['ERROR']);
    expect(await get(fromStartId)).toMatchObject({ forkedFrom: original });

    const bulk = await post('/workflows/bulk-fork-from-failure', {
      workflowIds: [original, 'no-such-workflow'],
      fromLastFailure: true,
    });
    expect(bulk.status).toBe(200);
    const [forked, missing] = bulk.body.results as Array<Record<string, unknown>>;
    expect(missing).toEqual({
      workflowId: 'no-such-workflow',
      outcome: 'NOT_FOUND',
      status: null,
      newWorkflowId: null,
    });
    expect(forked).toMatchObject({ workflowId: original, outcome: 'SUCCESS' });
    const bulkFork = String(forked?.newWorkflowId);
    expect(bulk.body.workflowIds).toEqual([bulkFork]);
    await until(bulkFork, ['ERROR']);
    ids.fork = newWorkflowId;
    ids.bulkFork = bulkFork;
  });

  it('bulk-cancels, bulk-resumes and deletes, one and in bulk', async () => {
    const queuedIds = [ids.queueRunning ?? '', ids.queueWaiting ?? ''];
    const cancelled = await post('/workflows/bulk-cancel', {
      workflowIds: [...queuedIds, 'no-such-workflow'],
    });
    expect(cancelled.body.results).toEqual([
      { workflowId: queuedIds[0], outcome: 'SUCCESS', status: 'CANCELLED' },
      { workflowId: queuedIds[1], outcome: 'SUCCESS', status: 'CANCELLED' },
      { workflowId: 'no-such-workflow', outcome: 'NOT_FOUND', status: null },
    ]);
    for (const id of queuedIds) expect(await statusOf(id)).toBe('CANCELLED');

    const resumed = await post('/workflows/bulk-resume', { workflowIds: queuedIds });
    expect((resumed.body.results as Workflow[]).map((r) => r.status)).not.toContain('CANCELLED');
    for (const id of queuedIds) await until(id, ['ENQUEUED', 'PENDING']);

    const deleted = await api('delete', `${base}/workflows/${ids.fork}`, { key });
    expect(deleted.body).toEqual({ workflowId: ids.fork, outcome: 'SUCCESS', status: null });
    expect(await statusOf(ids.fork ?? '')).toBe('GONE');
    const bulkDeleted = await post('/workflows/bulk-delete', { workflowIds: [ids.bulkFork] });
    expect(bulkDeleted.body.results).toEqual([
      { workflowId: ids.bulkFork, outcome: 'SUCCESS', status: null },
    ]);
    expect(await statusOf(ids.bulkFork ?? '')).toBe('GONE');
  });

  it('wrote an audit entry for every action, naming the key that acted', async () => {
    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id },
    });
    const summary = new Set(entries.map((e) => `${e.action}:${e.outcome}`));
    expect([...summary].sort()).toEqual(
      [
        'workflow.cancel:SUCCESS',
        'workflow.resume:SUCCESS',
        'workflow.fork:SUCCESS',
        'workflow.bulk_fork_from_failure:SUCCESS',
        'workflow.bulk_fork_from_failure:FAILURE',
        'workflow.bulk_cancel:SUCCESS',
        'workflow.bulk_cancel:FAILURE',
        'workflow.bulk_resume:SUCCESS',
        'workflow.delete:SUCCESS',
        'workflow.bulk_delete:SUCCESS',
      ].sort(),
    );
    expect(entries.every((e) => e.actorApiKeyId !== null && e.targetType === 'workflow')).toBe(
      true,
    );
    // The workflow was forked more than once: the entry of the fork from step 1, whatever
    // order the rows come back in.
    const fork = entries.find(
      (e) =>
        e.action === 'workflow.fork' &&
        (e.details as { newWorkflowId?: unknown }).newWorkflowId === ids.fork,
    );
    expect(fork).toMatchObject({
      targetId: ids.error,
      details: { startStep: 1, newWorkflowId: ids.fork },
    });
  });

  it('shows the executor leaving on the live stream when it stops', async () => {
    await executor.stop();
    const left = LiveEventSchema.parse((await sse.next('executor.disconnected', 15_000)).data);
    // DBOS closes its link with a close frame when it shuts down: it stopped, it was not lost.
    expect(left).toMatchObject({
      executor: { status: 'DISCONNECTED', stopped: true, language: 'typescript' },
    });
    // Counts need a live executor (lists come from the last-known index then).
    const res = await api('post', `${base}/workflows/aggregates`, {
      key,
      body: { groupByStatus: true },
    });
    expect(res).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
  });
});
