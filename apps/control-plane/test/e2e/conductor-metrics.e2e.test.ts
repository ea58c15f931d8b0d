import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { conductorScraper } from './conductor-scrape';
import { parseScrape, scrape, type Scrape } from './prometheus-scrape';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

const MINUTE = 60_000;
const SUCCEEDED = 3;
const FAILED = 2;
const AGGREGATE_TYPES = ['get_workflow_aggregates', 'get_step_aggregates'];

/**
 * DBOS Conductor's `/v1/metrics` against a real @podium/sdk executor with a known workload:
 * SUCCEEDED workflows that succeed (one step each), FAILED that fail (their one step throws)
 * and one left PENDING. The window is the last completed minute of a pinned clock (the
 * MetricsClock seam), so the test never waits for a minute to pass; if the workload straddles
 * a minute boundary, its windows are summed.
 */
describe('GET /v1/metrics (DBOS Conductor) from a real executor', () => {
  let appDb: ScratchDatabase;
  let server: RunningControlPlane;
  let podium: Podium;
  let appName: string;
  let key: string;
  let readOnlyConnectKey: string;
  /** The minutes (window starts) the workload's creations and completions fall in. */
  let minutes: number[];
  let pendingCreatedAt: number;

  let scraper: ReturnType<typeof conductorScraper>;
  const pinClock = (windowStartMs: number) => scraper.pin(windowStartMs);
  const v1 = (query = '', headers: Record<string, string> = {}) => scraper.v1(query, headers);
  /** Aggregate commands this control plane has sent on executor links (its own /metrics). */
  const aggregateCommands = async () => {
    const own = await scrape(`${server.url}/metrics`);
    return AGGREGATE_TYPES.reduce(
      (sum, type) =>
        sum + own.value('podium_executor_commands_total', { type, outcome: 'answered' }),
      0,
    );
  };

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    appDb = await createScratchDatabase({ migrate: false });
    server = stack.server;
    const f = factories(server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    appName = app.name;
    key = (await f.newApiKey(org.id)).secret;
    scraper = conductorScraper(server, key);
    readOnlyConnectKey = (await f.newApiKey(org.id, { permissions: ['websocket.connect'] })).secret;

    podium = new Podium({
      appName,
      databaseUrl: appDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
      queuePollIntervalMs: 50,
      pollIntervalMs: 50,
    });
    const ok = podium.workflow('ok', async (ctx, n: number) => ctx.step('work', () => n * 2));
    const boom = podium.workflow('boom', async (ctx, n: number) =>
      ctx.step('explode', (): number => {
        throw new Error(`boom ${n}`);
      }),
    );
    const waiting = podium.workflow('waiting', async (ctx, topic: string) => {
      await ctx.step('begin', () => 'waiting');
      return (await ctx.recv<string>(topic, 600_000)) ?? 'timed out';
    });
    await podium.launch();
    await waitUntil(
      async () =>
        (await scrape(`${server.url}/metrics`)).value('podium_executor_links', {
          state: 'connected',
        }) === 1,
      15_000,
      'the executor linked',
    );
    const t0 = Date.now();
    for (let i = 0; i < SUCCEEDED; i++) await (await ok.start([i])).getResult();
    for (let i = 0; i < FAILED; i++) await (await boom.start([i])).getResult().catch(() => 0);
    const pending = await waiting.start(['never']);
    await waitUntil(
      async () => (await podium.getWorkflowStatus(pending.workflowId))?.status === 'PENDING',
      15_000,
      'the waiting workflow PENDING',
    );
    pendingCreatedAt = (await podium.getWorkflowStatus(pending.workflowId))!.createdAt;
    const t1 = Date.now();
    minutes = scraper.minutesBetween(t0, t1);
  });
  afterAll(async () => {
    await podium?.shutdown();
    await appDb?.drop();
  });

  const countOver = (family: string, labels: Record<string, string>) =>
    scraper.countOver(minutes, family, { application: appName, ...labels });

  it('reports the workload as per-second rates of the last completed minute', async () => {
    expect(await countOver('workflow_success_rate', { workflow_name: 'ok' })).toBe(SUCCEEDED);
    expect(await countOver('workflow_failed_rate', { workflow_name: 'boom' })).toBe(FAILED);
    expect(await countOver('workflow_started_rate', { workflow_name: 'ok' })).toBe(SUCCEEDED);
    expect(await countOver('workflow_started_rate', { workflow_name: 'waiting' })).toBe(1);
    expect(await countOver('step_success_rate', { step_name: 'work' })).toBe(SUCCEEDED);
    expect(await countOver('step_failed_rate', { step_name: 'explode' })).toBe(FAILED);
  });

  it('stamps windowed samples with the minute, point samples not, all gauges with an application', async () => {
    const minute = minutes.at(-1)!;
    pinClock(minute);
    const scraped = await v1();
    expect(scraped.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const [name, family] of Object.entries(scraped.families)) {
      expect(name).toMatch(/^dbos_conductor_v1_/);
      expect(family.type).toBe('gauge');
      for (const sample of scraped.samples(name)) expect(sample.labels.application).toBe(appName);
    }
    const pending = scraped.samples('dbos_conductor_v1_workflow_pending_count');
    expect(pending).toEqual([
      { labels: { application: appName, workflow_name: 'waiting' }, value: 1 },
    ]);
    expect(
      scraped.value('dbos_conductor_v1_workflow_oldest_pending_timestamp_seconds', {
        workflow_name: 'waiting',
      }),
    ).toBe(pendingCreatedAt / 1000);
    // Nothing ENQUEUED: the "oldest" family has no series at all.
    expect(scraped.samples('dbos_conductor_v1_workflow_oldest_enqueued_timestamp_seconds')).toEqual(
      [],
    );
    expect(
      scraped.value('dbos_conductor_v1_executor_count', {
        status: 'HEALTHY',
        application_version: podium.applicationVersion,
      }),
    ).toBe(1);
    for (const sample of scraped.samples('dbos_conductor_v1_workflow_max_total_latency_seconds')) {
      expect(sample.timestamp).toBe(minute); // the window's start
    }
  });

  it('loads each application once per minute: later and concurrent scrapes send nothing', async () => {
    // A minute no scrape has asked for yet.
    const fresh = minutes.at(-1)! + 10 * MINUTE;
    pinClock(fresh);
    const before = await aggregateCommands();
    await Promise.all([v1(), v1(), v1()]);
    const afterConcurrent = await aggregateCommands();
    expect(afterConcurrent - before).toBe(5); // 4 workflow aggregates + 1 step aggregates
    await v1('?metrics=workflow_success_rate');
    await v1();
    expect(await aggregateCommands()).toBe(afterConcurrent);
    // The next minute loads again.
    pinClock(fresh + MINUTE);
    await v1();
    expect((await aggregateCommands()) - afterConcurrent).toBe(5);
  });

  it('filters by family, workflow name and application, and speaks OpenMetrics when asked', async () => {
    pinClock(minutes.at(-1)!);
    const onlyOk = await v1(
      '?metrics=dbos_conductor_v1_workflow_started_rate&metrics=executor_count&workflow_names=ok',
    );
    for (const name of Object.keys(onlyOk.families)) {
      expect([
        'dbos_conductor_v1_executor_count',
        'dbos_conductor_v1_workflow_started_rate',
      ]).toContain(name);
    }
    expect(onlyOk.value('dbos_conductor_v1_executor_count', { status: 'HEALTHY' })).toBe(1);
    for (const sample of onlyOk.samples('dbos_conductor_v1_workflow_started_rate')) {
      expect(sample.labels.workflow_name).toBe('ok');
    }
    const otherApp = await v1('?applications=no-such-app');
    expect(otherApp.families).toEqual({});

    const res = await fetch(`${server.url}/v1/metrics?metrics=workflow_pending_count`, {
      headers: { authorization: `Bearer ${key}`, accept: 'application/openmetrics-text' },
    });
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^application\/openmetrics-text/);
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
    const parsed: Scrape = await parseScrape(text, res.headers.get('content-type')!);
    expect(
      parsed.value('dbos_conductor_v1_workflow_pending_count', { workflow_name: 'waiting' }),
    ).toBe(1);
  });

  it('wants an API key that can read workflows', async () => {
    const anonymous = await fetch(`${server.url}/v1/metrics`);
    expect(anonymous.status).toBe(401);
    const connectOnly = await fetch(`${server.url}/v1/metrics`, {
      headers: { authorization: `Bearer ${readOnlyConnectKey}` },
    });
    expect(connectOnly.status).toBe(403);
    expect(connectOnly.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
