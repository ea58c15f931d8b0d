import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  ApplicationSchema,
  GetWorkflowResponseSchema,
  ListAppMetricsResponseSchema,
  ListApplicationVersionsResponseSchema,
  ListWorkflowStepsResponseSchema,
  ListWorkflowsResponseSchema,
  RestartWorkflowResponseSchema,
  RewindWorkflowResponseSchema,
  SearchWorkflowsResponseSchema,
  StepAggregatesResponseSchema,
} from '@podium/protocol';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { AppMetricsCollector } from '../../src/modules/app-metrics/app-metrics-collector';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * Podium's restart and rewind, which DBOS's API lacks, against real executors: a DBOS Transact
 * 5.2.11 app (rewind yes, restart no: removed in TS 5.0) alone, then joined by a @podium/sdk app
 * (both), so each is carried out only by an executor whose SDK knows it. Joined, the two make an
 * application running both SDK families, each with its workflows in its own tables: reads,
 * actions, lists, aggregates, versions, metrics and retention must reach both.
 */
const MINUTE_MS = 60_000;

describe('restart and rewind, sent only to executors that know them', () => {
  let dbosSystemDb: ScratchDatabase;
  let sdkDb: ScratchDatabase;
  let server: RunningControlPlane;
  let dbos: DbosExecutorProcess;
  let podium: Podium | undefined;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let app: { id: string; name: string };
  let base: string;
  let key: string;
  /** The SDK workflow the restart test started. */
  let restartedId = '';

  const get = async (workflowId: string) => {
    const res = await api('get', `${base}/workflows/${workflowId}`, { key });
    return res.status === 200 ? GetWorkflowResponseSchema.parse(res.body) : undefined;
  };
  const stepsOf = async (workflowId: string) => {
    const res = await api('get', `${base}/workflows/${workflowId}/steps`, { key });
    return ListWorkflowStepsResponseSchema.parse(res.body);
  };
  const post = (path: string, body?: unknown) => api('post', `${base}${path}`, { key, body });

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    sdkDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its own schema
    server = stack.server;
    api = apiClient(server.url);
    const f = factories(server.app);
    org = await f.newOrg();
    app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
    dbos = await startDbosExecutor({
      appName: app.name,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: dbosSystemDb.url,
    });
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(app.id)[0], 15_000, 'DBOS link');
  }, 90_000);

  afterAll(async () => {
    await podium?.shutdown();
    await dbos?.stop();
    await dbosSystemDb?.drop();
    await sdkDb?.drop();
  });

  it('rewinds a finished DBOS workflow in place: same id, its later step run again', async () => {
    const workflowId = dbos.workflowId;
    const before = await get(workflowId);
    expect(before).toMatchObject({ status: 'SUCCESS' });
    const [first, second] = await stepsOf(workflowId);
    expect(second).toBeDefined();

    const res = await post(`/workflows/${workflowId}/rewind`, { startStep: second?.stepId });
    expect(res.status).toBe(200);
    const result = RewindWorkflowResponseSchema.parse(res.body);
    expect(result).toMatchObject({ workflowId, outcome: 'SUCCESS' });
    expect(['PENDING', 'ENQUEUED', 'SUCCESS']).toContain(result.status);

    const after = await waitUntil(
      async () => {
        const now = await get(workflowId);
        return now?.status === 'SUCCESS' && now.updatedAt !== before?.updatedAt ? now : undefined;
      },
      15_000,
      'the rewound workflow to finish again',
    );
    expect(after).toMatchObject({ workflowId, workflowName: 'compose', output: before?.output });
    const steps = await stepsOf(workflowId);
    expect(steps.map((s) => s.stepName)).toEqual([first?.stepName, second?.stepName]);
    // The step before the cut is kept as it was; the one from the cut on ran again.
    expect(steps[0]?.startedAt).toBe(first?.startedAt);
    expect(Date.parse(steps[1]?.startedAt ?? '')).toBeGreaterThan(
      Date.parse(second?.completedAt ?? ''),
    );
  });

  it('answers restart with 501 naming what it needs while only DBOS TypeScript 5.2 is connected', async () => {
    const res = await post(`/workflows/${dbos.workflowId}/restart`, {});
    expect(res).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
    expect(res.body.detail).toContain(
      'restart needs a DBOS Python, Java, TypeScript < 5.0 or Podium SDK executor',
    );
  });

  it('refuses an unknown body field with 422 and a workflow of another organization with 404', async () => {
    const typo = await post(`/workflows/${dbos.workflowId}/rewind`, { startstep: 1 });
    expect(typo).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    const f = factories(server.app);
    const otherOrg = await f.newOrg();
    const foreignKey = (await f.newApiKey(otherOrg.id)).secret;
    for (const action of ['rewind', 'restart']) {
      const foreign = await api('post', `${base}/workflows/${dbos.workflowId}/${action}`, {
        key: foreignKey,
        body: {},
      });
      expect(foreign, `${action} from another org`).toMatchObject({ status: 404 });
    }
  });

  it('with a Podium SDK executor joined, restarts through it: a new workflow really runs', async () => {
    podium = new Podium({
      appName: app.name,
      databaseUrl: sdkDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
      pollIntervalMs: 50,
      queuePollIntervalMs: 50,
    });
    const compose = podium.workflow('compose', async (ctx, name: string) => {
      const greeting = await ctx.step('greet', () => `hello ${name}`);
      return ctx.step('shout', () => greeting.toUpperCase());
    });
    await podium.launch();
    await (await compose.start(['podium'], { workflowId: 'sdk-compose-1' })).getResult();
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(app.id).length === 2, 15_000, 'SDK link');

    const res = await post('/workflows/sdk-compose-1/restart', {});
    expect(res.status).toBe(200);
    const result = RestartWorkflowResponseSchema.parse(res.body);
    expect(result.workflowId).toBe('sdk-compose-1');
    const newWorkflowId = result.newWorkflowId ?? '';
    expect(newWorkflowId).not.toBe('');
    expect(newWorkflowId).not.toBe('sdk-compose-1');
    restartedId = newWorkflowId;
    // The truth, from the SDK app's own database: a new run of the same workflow finished.
    const sdk = podium;
    await waitUntil(
      async () => (await sdk.getWorkflowStatus(newWorkflowId))?.status === 'SUCCESS',
      15_000,
      'the restarted workflow to finish',
    );
    expect(await sdk.getWorkflowStatus(newWorkflowId)).toMatchObject({ workflowName: 'compose' });
  });

  it("reads and acts on each family's workflows, whichever executor a read reaches first", async () => {
    // Each family keeps its workflows in its own tables. The two executors run different
    // versions, so reads start at the newest (the SDK's): the DBOS workflow is found by asking
    // the other family, and what follows goes to DBOS.
    for (const workflowId of [dbos.workflowId, 'sdk-compose-1']) {
      for (let read = 1; read <= 2; read++) {
        expect(await get(workflowId), `${workflowId}, read ${read}`).toMatchObject({
          workflowId,
          status: 'SUCCESS',
        });
        expect(await stepsOf(workflowId), `${workflowId}'s steps, read ${read}`).toHaveLength(2);
        const events = await api('get', `${base}/workflows/${workflowId}/events`, { key });
        expect(events.status, `${workflowId}'s events, read ${read}`).toBe(200);
        // Finished before the cancel: nothing cancelled, said so (and not a 404).
        const cancel = await post(`/workflows/${workflowId}/cancel`, {});
        expect(cancel, `${workflowId}, cancel ${read}`).toMatchObject({
          status: 200,
          body: { workflowId, outcome: 'ALREADY_FINISHED', status: 'SUCCESS' },
        });
      }
    }
  });

  it("lists, pages, counts and bulk-acts on both families' workflows as one application", async () => {
    // DBOS holds its compose workflow; the SDK its own and the restarted one.
    const expected = [dbos.workflowId, 'sdk-compose-1', restartedId];
    const list = async (query: string) => {
      const res = await api('get', `${base}/workflows?sortDesc=false&${query}`, { key });
      expect(res.status, query).toBe(200);
      return ListWorkflowsResponseSchema.parse(res.body);
    };
    const all = await list('limit=100');
    expect(all.map((w) => w.workflowId).sort()).toEqual([...expected].sort());
    const created = all.map((w) => Date.parse(w.createdAt ?? ''));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    for (let offset = 0; offset < all.length; offset++) {
      const [one, ...more] = await list(`limit=1&offset=${offset}`);
      expect([one?.workflowId, more.length], `offset ${offset}`).toEqual([
        all[offset]?.workflowId,
        0,
      ]);
    }
    const search = await post('/workflows/search', { sortDesc: false });
    expect(search.status).toBe(200);
    const found = SearchWorkflowsResponseSchema.parse(search.body).map((w) => w.workflowId);
    expect(found).toEqual(all.map((w) => w.workflowId));

    // Both apps name their workflow compose: one group, counted across the families.
    const aggregates = await post('/workflows/aggregates', {
      groupByWorkflowName: true,
      selectCount: true,
    });
    expect(aggregates).toMatchObject({
      status: 200,
      body: [{ group: { workflowName: 'compose' }, count: 3 }],
    });

    // Every step of the three workflows, counted across the families.
    const stepCounts = await Promise.all(expected.map(async (id) => (await stepsOf(id)).length));
    const steps = await post('/steps/aggregates', { groupByFunctionName: true, selectCount: true });
    expect(steps.status).toBe(200);
    const counted = StepAggregatesResponseSchema.parse(steps.body).reduce(
      (sum, group) => sum + (group.count ?? 0),
      0,
    );
    expect(counted).toBe(stepCounts.reduce((a, b) => a + b, 0));

    const bulk = await post('/workflows/bulk-cancel', {
      workflowIds: [dbos.workflowId, 'sdk-compose-1', 'no-such-workflow'],
    });
    expect(bulk.status).toBe(200);
    expect(
      (bulk.body.results as Array<{ outcome: string; status: string | null }>).map((r) => [
        r.outcome,
        r.status,
      ]),
    ).toEqual([
      ['ALREADY_FINISHED', 'SUCCESS'],
      ['ALREADY_FINISHED', 'SUCCESS'],
      ['NOT_FOUND', null],
    ]);
  });

  it("lists both families' versions and adds up both's metrics history", async () => {
    // Each family registers its own versions: the list has both executors' versions.
    const running = server.app
      .get(ExecutorRegistry)
      .forApplication(app.id)
      .map((e) => e.identity.applicationVersion);
    const versions = await api('get', `${base}/versions`, { key });
    expect(versions.status).toBe(200);
    const listedVersions = ListApplicationVersionsResponseSchema.parse(versions.body).map(
      (v) => v.versionName,
    );
    expect(listedVersions).toEqual(expect.arrayContaining(running));

    // Each family counts its own workflows per minute; the history adds them up.
    const created = [dbos.workflowId, 'sdk-compose-1', restartedId].map(async (id) =>
      Date.parse((await get(id))?.createdAt ?? ''),
    );
    const minutes = (await Promise.all(created)).map((ms) => ms - (ms % MINUTE_MS));
    const from = Math.min(...minutes);
    const to = Math.max(...minutes) + MINUTE_MS;
    const collector = server.app.get(AppMetricsCollector);
    for (let minute = from; minute < to; minute += MINUTE_MS) {
      await collector.collectMinute(app.id, minute);
    }
    const window = `startTime=${new Date(from).toISOString()}&endTime=${new Date(to).toISOString()}`;
    const history = await api('get', `${base}/metrics?${window}`, { key });
    expect(history.status).toBe(200);
    const composed = ListAppMetricsResponseSchema.parse(history.body)
      .filter((r) => r.metricType === 'workflow_count' && r.metricName === 'compose')
      .reduce((sum, r) => sum + r.value, 0);
    expect(composed).toBe(3);
  });

  it('refuses to fork a workflow onto a version only the other family runs (nothing forked)', async () => {
    const versionOf = (sdk: boolean) =>
      server.app
        .get(ExecutorRegistry)
        .forApplication(app.id)
        .find((e) => (e.identity.sdkVersion?.startsWith('podium-sdk/') ?? false) === sdk)?.identity
        .applicationVersion;
    const [dbosVersion, sdkVersion] = [versionOf(false), versionOf(true)];
    expect(dbosVersion).not.toBe(sdkVersion);
    for (const [workflowId, version, holder, runner] of [
      [dbos.workflowId, sdkVersion, 'DBOS Transact', '@podium/sdk'],
      ['sdk-compose-1', dbosVersion, '@podium/sdk', 'DBOS Transact'],
    ] as const) {
      const fork = await post(`/workflows/${workflowId}/fork`, {
        startStep: 0,
        appVersion: version,
      });
      expect(fork, workflowId).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
      expect(fork.body.detail).toContain(`run only by ${runner} executors`);
      expect(fork.body.detail).toContain(`held by ${holder} executors`);
    }
    const bulk = await post('/workflows/bulk-fork-from-failure', {
      workflowIds: [dbos.workflowId, 'sdk-compose-1'],
      appVersion: sdkVersion,
    });
    expect(bulk).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const listed = await api('get', `${base}/workflows?limit=100`, { key });
    expect(ListWorkflowsResponseSchema.parse(listed.body)).toHaveLength(3);
  });

  it('pushes retention to an executor of each family, and says so', async () => {
    // A row threshold far above what the app holds: pushed, nothing deleted.
    const res = await api('patch', base, { key, body: { gcRowsThreshold: 1_000 } });
    expect(res.status).toBe(204);
    const pushed = await waitUntil(
      async () => ApplicationSchema.parse((await api('get', base, { key })).body).lastRetentionPush,
      15_000,
      'the retention push to be recorded',
    );
    expect(pushed).toMatchObject({ outcome: 'delivered' });
    expect(pushed.detail).toMatch(/^Delivered to \S+ \(@podium\/sdk\), \S+ \(DBOS Transact\)\.$/);
  });

  it('refuses restart with 501 for a workflow held by DBOS TypeScript 5.2, the SDK executor beside it', async () => {
    const res = await post(`/workflows/${dbos.workflowId}/restart`, {});
    expect(res).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
    expect(res.body.detail).toContain('none of the connected executors holding this workflow');
  });

  it('audited every restart and rewind under its own name', async () => {
    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ['workflow.restart', 'workflow.rewind'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(entries.map((e) => `${e.action}:${e.targetId}:${e.outcome}`)).toEqual([
      `workflow.rewind:${dbos.workflowId}:SUCCESS`,
      `workflow.restart:${dbos.workflowId}:FAILURE`,
      'workflow.restart:sdk-compose-1:SUCCESS',
      `workflow.restart:${dbos.workflowId}:FAILURE`,
    ]);
    expect(entries[1]?.details).toMatchObject({ errorCode: 'EXECUTOR_UNSUPPORTED' });
  });
});
