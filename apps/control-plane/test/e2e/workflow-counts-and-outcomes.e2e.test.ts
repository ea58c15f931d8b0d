import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  WorkflowAggregatesResponseSchema,
  type WorkflowActionResult,
  type WorkflowAggregate,
} from '@podium/protocol';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * What the console's list and actions rely on, end to end with an unmodified DBOS Transact
 * 5.2.11 app and a @podium/sdk app, each holding workflows in known states:
 * `POST .../workflows/aggregates` (and its refusals: bad bodies, keys without the right, other
 * organizations, no executor), and cancels that come too late saying so, to the caller and in
 * the audit log.
 */
describe('workflow counts and action outcomes through real executors', () => {
  let dbosDb: ScratchDatabase;
  let sdkDb: ScratchDatabase;
  let server: RunningControlPlane;
  let dbos: DbosExecutorProcess;
  let podium: Podium;
  let api: ReturnType<typeof apiClient>;
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };
  let key: string;
  const bases = { dbos: '', sdk: '' };

  const aggregates = async (base: string, body: unknown, withKey = key) => {
    const res = await api('post', `${base}/workflows/aggregates`, { key: withKey, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return WorkflowAggregatesResponseSchema.parse(res.body);
  };
  /** `{ group value: count }` for a one-key grouping. */
  const countsBy = (rows: WorkflowAggregate[], key: string) =>
    Object.fromEntries(rows.map((row) => [row.group[key] ?? 'null', row.count]));

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    dbosDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    sdkDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its own schema
    server = stack.server;
    api = apiClient(server.url);
    f = factories(server.app);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
    const [dbosApp, sdkApp] = [await f.newApp(org.id), await f.newApp(org.id)];
    bases.dbos = `/v2/orgs/${org.name}/apps/${dbosApp.name}`;
    bases.sdk = `/v2/orgs/${org.name}/apps/${sdkApp.name}`;

    // DBOS: compose SUCCESS, failing ERROR, two waiting PENDING (one on a queue), one ENQUEUED.
    dbos = await startDbosExecutor({
      appName: dbosApp.name,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: dbosDb.url,
      scenario: 'operations',
    });

    // The SDK: two compose SUCCESS, one failing ERROR, one waiting PENDING.
    podium = new Podium({
      appName: sdkApp.name,
      databaseUrl: sdkDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
      pollIntervalMs: 50,
    });
    const compose = podium.workflow('compose', async (ctx, name: string) =>
      ctx.step('shout', () => name.toUpperCase()),
    );
    const failing = podium.workflow('failing', async (ctx, order: string) =>
      ctx.step('charge', (): string => {
        throw new Error(`card declined for ${order}`);
      }),
    );
    const waiting = podium.workflow(
      'waiting',
      async (ctx, topic: string) => (await ctx.recv<string>(topic, 300_000)) ?? 'timed out',
    );
    await podium.launch();
    for (const id of ['compose-a', 'compose-b']) {
      await (await compose.start(['podium'], { workflowId: id })).getResult();
    }
    await (await failing.start(['o-1'], { workflowId: 'failing-a' })).getResult().catch(() => 0);
    await waiting.start(['go'], { workflowId: 'waiting-a' });

    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(sdkApp.id).length > 0, 15_000, 'SDK link');
  }, 120_000);

  afterAll(async () => {
    await podium?.shutdown();
    await dbos?.stop();
    await dbosDb?.drop();
    await sdkDb?.drop();
  });

  it('counts a DBOS 5.2.11 app’s workflows by status and by name, filtered like a search', async () => {
    const base = bases.dbos;
    // The queued pair settles (one running, one waiting) right after the fixture is ready.
    await waitUntil(
      async () =>
        countsBy(await aggregates(base, { groupByStatus: true }), 'status').ENQUEUED === 1,
      15_000,
      'one ENQUEUED',
    );
    expect(countsBy(await aggregates(base, { groupByStatus: true }), 'status')).toEqual({
      SUCCESS: 1,
      ERROR: 1,
      PENDING: 2,
      ENQUEUED: 1,
    });
    expect(countsBy(await aggregates(base, { groupByWorkflowName: true }), 'workflowName')).toEqual(
      { compose: 1, failing: 1, waiting: 3 },
    );
    const pendingByQueue = await aggregates(base, {
      groupByQueueName: true,
      status: ['PENDING'],
    });
    expect(countsBy(pendingByQueue, 'queueName')).toEqual({ null: 1, 'podium-serial': 1 });
    const byPrefix = await aggregates(base, {
      groupByStatus: true,
      workflowIdPrefix: ['failing-'],
      selectCount: true,
      selectMinCreatedAt: true,
    });
    expect(byPrefix).toEqual([
      { group: { status: 'ERROR' }, count: 1, minCreatedAt: expect.any(String) as string },
    ]);
    expect(Date.parse(byPrefix[0]?.minCreatedAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('asks a @podium/sdk app the same and gets the same shapes', async () => {
    const base = bases.sdk;
    expect(countsBy(await aggregates(base, { groupByStatus: true }), 'status')).toEqual({
      SUCCESS: 2,
      ERROR: 1,
      PENDING: 1,
    });
    const named = await aggregates(base, {
      groupByWorkflowName: true,
      groupByStatus: true,
      status: ['SUCCESS', 'ERROR'],
    });
    expect(
      named.map((row) => `${row.group.workflowName}:${row.group.status}:${row.count}`).sort(),
    ).toEqual(['compose:SUCCESS:2', 'failing:ERROR:1']);
    const latency = await aggregates(base, {
      groupByWorkflowName: true,
      workflowName: ['compose'],
      selectMaxTotalLatencyMs: true,
    });
    expect(latency).toEqual([
      { group: { workflowName: 'compose' }, maxTotalLatencyMs: expect.any(Number) as number },
    ]);
  });

  it('refuses what it cannot answer as problems: no grouping, unknown keys, no right, no executor', async () => {
    const base = bases.sdk;
    const ungrouped = await api('post', `${base}/workflows/aggregates`, {
      key,
      body: { selectCount: true },
    });
    expect(ungrouped).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    expect(ungrouped.contentType).toContain('application/problem+json');
    const typo = await api('post', `${base}/workflows/aggregates`, {
      key,
      body: { groupByStatus: true, workflow_name: ['compose'] },
    });
    expect(typo).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });

    const readOnly = (await f.newApiKey(org.id, { permissions: ['application.read'] })).secret;
    expect(countsBy(await aggregates(base, { groupByStatus: true }, readOnly), 'status')).toEqual({
      SUCCESS: 2,
      ERROR: 1,
      PENDING: 1,
    });
    const connectOnly = (await f.newApiKey(org.id, { permissions: ['websocket.connect'] })).secret;
    const refused = await api('post', `${base}/workflows/aggregates`, {
      key: connectOnly,
      body: { groupByStatus: true },
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const foreignKey = (await f.newApiKey((await f.newOrg()).id)).secret;
    const foreign = await api('post', `${base}/workflows/aggregates`, {
      key: foreignKey,
      body: { groupByStatus: true },
    });
    expect(foreign).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });

    const idle = await f.newApp(org.id);
    const unavailable = await api(
      'post',
      `/v2/orgs/${org.name}/apps/${idle.name}/workflows/aggregates`,
      {
        key,
        body: { groupByStatus: true },
      },
    );
    expect(unavailable).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
  });

  it('reports a cancel that lost the race to completion as ALREADY_FINISHED, and audits it so', async () => {
    const cancel = (base: string, id: string) =>
      api('post', `${base}/workflows/${id}/cancel`, { key, body: {} });
    const compose = dbos.workflowId;
    expect((await cancel(bases.dbos, compose)).body).toEqual({
      workflowId: compose,
      outcome: 'ALREADY_FINISHED',
      status: 'SUCCESS',
    });
    expect((await cancel(bases.sdk, 'compose-a')).body).toEqual({
      workflowId: 'compose-a',
      outcome: 'ALREADY_FINISHED',
      status: 'SUCCESS',
    });
    // In bulk: the failed one had finished, the waiting one is really cancelled.
    const failed = dbos.workflows.error ?? '';
    const waiting = dbos.workflows.pending ?? '';
    const bulk = await api('post', `${bases.dbos}/workflows/bulk-cancel`, {
      key,
      body: { workflowIds: [failed, waiting] },
    });
    expect(bulk.body.results).toEqual([
      { workflowId: failed, outcome: 'ALREADY_FINISHED', status: 'ERROR' },
      { workflowId: waiting, outcome: 'SUCCESS', status: 'CANCELLED' },
    ]);

    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: {
        organizationId: org.id,
        action: { in: ['workflow.cancel', 'workflow.bulk_cancel'] },
      },
    });
    const detailsOf = (id: string) => entries.find((e) => e.targetId === id)?.details;
    expect(detailsOf(compose)).toMatchObject({
      result: 'ALREADY_FINISHED',
      status: 'SUCCESS',
      summary: 'already finished (SUCCESS): nothing cancelled',
    });
    expect(detailsOf(failed)).toMatchObject({
      summary: 'already finished (ERROR): nothing cancelled',
    });
    expect(detailsOf(waiting)).not.toHaveProperty('result');
  });

  it('reports a resume of a SUCCESS or ERROR workflow (DBOS leaves them) as ALREADY_FINISHED', async () => {
    const compose = dbos.workflowId;
    const single = await api('post', `${bases.dbos}/workflows/${compose}/resume`, {
      key,
      body: {},
    });
    expect(single.body).toEqual({
      workflowId: compose,
      outcome: 'ALREADY_FINISHED',
      status: 'SUCCESS',
    });
    // In bulk: the failed one stays as it was; the other (cancelled above, or still waiting)
    // is really resumed.
    const failed = dbos.workflows.error ?? '';
    const other = dbos.workflows.pending ?? '';
    const bulk = await api('post', `${bases.dbos}/workflows/bulk-resume`, {
      key,
      body: { workflowIds: [failed, other] },
    });
    const [left, resumed] = bulk.body.results as WorkflowActionResult[];
    expect(left).toEqual({ workflowId: failed, outcome: 'ALREADY_FINISHED', status: 'ERROR' });
    expect(resumed).toMatchObject({ workflowId: other, outcome: 'SUCCESS' });
    expect(['ENQUEUED', 'PENDING']).toContain(resumed?.status);

    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: {
        organizationId: org.id,
        action: { in: ['workflow.resume', 'workflow.bulk_resume'] },
      },
    });
    const detailsOf = (id: string) => entries.find((e) => e.targetId === id)?.details;
    expect(detailsOf(compose)).toMatchObject({
      result: 'ALREADY_FINISHED',
      summary: 'already finished (SUCCESS): nothing resumed',
    });
    expect(detailsOf(failed)).toMatchObject({
      summary: 'already finished (ERROR): nothing resumed',
    });
    expect(detailsOf(other)).not.toHaveProperty('result');
  });
});
