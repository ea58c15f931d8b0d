import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { ListAppMetricsResponseSchema, type AppMetric } from '@podium/protocol';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { AppMetricsCollector } from '../../src/modules/app-metrics/app-metrics-collector';
import { MINUTE_MS, minuteOf } from '../../src/modules/app-metrics/metric-minutes';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

const GREETED = 3;

/**
 * The per-application history (`GET .../apps/{app}/metrics`) collected from a real @podium/sdk
 * executor's `get_metrics` answers: the minutes the workload spanned are collected (the
 * collector's own method, as its timer calls it), so the test never waits for a minute to pass.
 */
describe('GET .../apps/{app}/metrics: the metrics history', () => {
  let appDb: ScratchDatabase;
  let server: RunningControlPlane;
  let podium: Podium;
  let collector: AppMetricsCollector;
  let api: ReturnType<typeof apiClient>;
  let app: { id: string; name: string };
  let orgId: string;
  let base: string;
  let key: string;
  let outsiderKey: string;
  let window: { from: number; to: number };

  const history = async (from = window.from, to = window.to) => {
    const query = `startTime=${new Date(from).toISOString()}&endTime=${new Date(to).toISOString()}`;
    const res = await api('get', `${base}/metrics?${query}`, { key });
    expect(res.status).toBe(200);
    return ListAppMetricsResponseSchema.parse(res.body);
  };
  const total = (rows: AppMetric[], metricType: string, metricName: string) =>
    rows
      .filter((r) => r.metricType === metricType && r.metricName === metricName)
      .reduce((sum, r) => sum + r.value, 0);

  // Its own timer stays out of the way: the test collects the minutes itself.
  const stack = usePostgresControlPlane({ appMetrics: { collectMs: 3_600_000 } });

  beforeAll(async () => {
    appDb = await createScratchDatabase({ migrate: false });
    server = stack.server;
    api = apiClient(server.url);
    collector = server.app.get(AppMetricsCollector);
    const f = factories(server.app);
    const org = await f.newOrg();
    orgId = org.id;
    app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
    outsiderKey = (await f.newApiKey((await f.newOrg()).id)).secret;

    podium = new Podium({
      appName: app.name,
      databaseUrl: appDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
    });
    const greet = podium.workflow('greet', async (ctx, name: string) =>
      ctx.step('hello', () => `hello ${name}`),
    );
    await podium.launch();
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(app.id)[0], 15_000, 'SDK link');
    const t0 = Date.now();
    for (let i = 0; i < GREETED; i++) await (await greet.start([`n${i}`])).getResult();
    const t1 = Date.now();
    window = { from: minuteOf(t0), to: minuteOf(t1) + MINUTE_MS };
    for (let minute = window.from; minute < window.to; minute += MINUTE_MS) {
      await collector.collectMinute(app.id, minute);
    }
  });

  afterAll(async () => {
    await podium?.shutdown();
    await appDb?.drop();
  });

  it("serves the executor's counts per minute in DBOS's shape", async () => {
    const rows = await history();
    expect(total(rows, 'workflow_count', 'greet')).toBe(GREETED);
    expect(total(rows, 'step_count', 'hello')).toBe(GREETED);
    for (const row of rows) {
      expect(row).toMatchObject({ appId: app.id, granularity: 60 });
      expect(Date.parse(row.timeBucket) % MINUTE_MS).toBe(0);
    }
  });

  it('collects a minute again without counting it twice', async () => {
    await collector.collectMinute(app.id, window.from);
    expect(total(await history(), 'workflow_count', 'greet')).toBe(GREETED);
  });

  it('counts recoveries per minute from the executors it recovered', async () => {
    const recoveredAt = new Date(window.from + 1_000);
    await server.app.get<Database>(DATABASE).prisma.executor.create({
      data: {
        organizationId: orgId,
        applicationId: app.id,
        executorId: 'recovered-exec',
        applicationVersion: 'v-old',
        hostname: 'gone',
        language: 'typescript',
        sdkVersion: '0.0.0',
        connectedAt: new Date(window.from - MINUTE_MS),
        lastSeenAt: new Date(window.from - MINUTE_MS),
        status: 'DEAD',
        deadAt: recoveredAt,
        recoveredAt,
      },
    });
    const rows = await history();
    expect(rows).toContainEqual({
      appId: app.id,
      metricType: 'recovery_count',
      metricName: 'v-old',
      granularity: 60,
      timeBucket: new Date(window.from).toISOString(),
      value: 1,
    });
  });

  it('refuses a window that ends before it starts or lacks an end, and other tenants', async () => {
    const start = new Date(window.to).toISOString();
    const backwards = await api('get', `${base}/metrics?startTime=${start}&endTime=${start}`, {
      key,
    });
    expect(backwards).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    const open = await api('get', `${base}/metrics?startTime=${start}`, { key });
    expect(open.status).toBe(422);
    const query = `startTime=${new Date(window.from).toISOString()}&endTime=${start}`;
    expect((await api('get', `${base}/metrics?${query}`, { key: outsiderKey })).status).toBe(404);
  });

  it('drops buckets, and executors recovered, older than the retention', async () => {
    // A pass whose "now" is 31 days on: the default retention is 30 days.
    await collector.collect(window.to + 31 * 86_400_000);
    expect(await history()).toEqual([]);
    // The executor recovered a month before is gone; the connected one stays.
    const executors = await server.app.get<Database>(DATABASE).prisma.executor.findMany({
      where: { applicationId: app.id },
      select: { executorId: true, status: true },
    });
    expect(executors.map((e) => e.executorId)).not.toContain('recovered-exec');
    expect(executors.filter((e) => e.status === 'CONNECTED')).toHaveLength(1);
  });
});
