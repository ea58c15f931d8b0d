import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { ListWorkflowsResponseSchema } from '@podium/protocol';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { connectExecutor } from './fake-executor';
import { scrape, type Scrape } from './prometheus-scrape';
import { startReplicas, type ReplicaSet } from './replicas';
import { openSse } from './sse-client';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-test';

/** Labels that would carry tenant data or grow without bound: none may appear. */
const TENANT_LABELS = ['workflow', 'workflow_id', 'organization', 'org', 'application', 'app'];

/** A @podium/sdk app (its own PostgreSQL database) linked to `conductorUrl`, with one workflow. */
async function launchSdkApp(conductorUrl: string, appName: string, key: string, db: string) {
  const podium = new Podium({
    appName,
    databaseUrl: db,
    conductorUrl,
    conductorKey: key,
    queuePollIntervalMs: 50,
    pollIntervalMs: 50,
  });
  const greet = podium.workflow('greet', async (ctx, name: string) =>
    ctx.step('hello', () => `hello ${name}`),
  );
  await podium.launch();
  await (await greet.start(['metrics'], { workflowId: `greet-${appName}` })).getResult();
  return podium;
}

describe('GET /metrics after real activity (one process)', () => {
  let appDb: ScratchDatabase;
  let server: RunningControlPlane;
  let podium: Podium;
  let api: ReturnType<typeof apiClient>;
  let base: string;
  let key: string;
  let appName: string;

  const read = (): Promise<Scrape> =>
    scrape(`${server.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });

  const stack = usePostgresControlPlane({ metrics: { token: METRICS_TOKEN } });

  beforeAll(async () => {
    appDb = await createScratchDatabase({ migrate: false });
    server = stack.server;
    api = apiClient(server.url);
    const f = factories(server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    appName = app.name;
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
    podium = await launchSdkApp(server.conductorUrl, app.name, key, appDb.url);
  });
  afterAll(async () => {
    await podium?.shutdown();
    await appDb?.drop();
  });

  it('refuses a scrape without the configured token, as a problem', async () => {
    for (const authorization of [undefined, 'Bearer not-the-metrics-token']) {
      const res = await fetch(`${server.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    }
  });

  it('counts links, proxied commands, live streams and refusals, with bounded labels', async () => {
    const linked = await waitUntil(
      async () => {
        const now = await read();
        return now.value('podium_executor_links', { state: 'connected' }) === 1 ? now : undefined;
      },
      15_000,
      'the SDK executor linked',
    );
    expect(linked.typeOf('podium_executor_links')).toBe('gauge');
    expect(linked.value('podium_executor_links', { state: 'handshake' })).toBe(0);
    expect(
      linked.value('podium_executor_commands_total', {
        type: 'executor_info',
        outcome: 'answered',
      }),
    ).toBeGreaterThanOrEqual(1);

    // A proxied command: one list_workflows answered, one more latency observation.
    const before = linked;
    const listed = await api('get', `${base}/workflows`, { key });
    expect(listed.status).toBe(200);
    expect(ListWorkflowsResponseSchema.parse(listed.body).map((w) => w.workflowId)).toContain(
      `greet-${appName}`,
    );
    const afterList = await read();
    const listLabels = { type: 'list_workflows', outcome: 'answered' };
    expect(
      afterList.value('podium_executor_commands_total', listLabels) -
        before.value('podium_executor_commands_total', listLabels),
    ).toBe(1);
    expect(afterList.typeOf('podium_executor_command_duration_seconds')).toBe('histogram');
    const latency = (scraped: Scrape) =>
      scraped.histograms('podium_executor_command_duration_seconds', { type: 'list_workflows' })[0];
    expect((latency(afterList)?.count ?? 0) - (latency(before)?.count ?? 0)).toBe(1);
    expect(latency(afterList)?.buckets['+Inf']).toBe(latency(afterList)?.count);

    // A live stream: counted while open, not once its client leaves.
    const sse = await openSse(`${server.url}${base}/events`, { authorization: `Bearer ${key}` });
    await sse.next('snapshot');
    expect((await read()).value('podium_live_streams')).toBe(1);
    sse.close();
    await waitUntil(
      async () => (await read()).value('podium_live_streams') === 0,
      DEFAULT_WAIT_TIMEOUT_MS,
      'the live stream counted as closed',
    );

    // Refusals: a bad API key over HTTP, a bad key on an executor's upgrade.
    const refusedBefore = await read();
    expect((await api('get', `${base}/workflows`, { key: 'not-a-key' })).status).toBe(401);
    const upgrade = await connectExecutor(`${server.conductorUrl}/websocket/${appName}/not-a-key`);
    expect(upgrade).toMatchObject({ refused: 401 });
    const refusedAfter = await read();
    for (const reason of ['unauthenticated', 'executor_unauthenticated']) {
      expect(
        refusedAfter.value('podium_refusals_total', { reason }) -
          refusedBefore.value('podium_refusals_total', { reason }),
      ).toBe(1);
    }
    // Guessing a password from one address: five free failures, then refused (429).
    const signIn = () =>
      fetch(`${server.url}/v2/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong password!' }),
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await signIn()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await read()).value('podium_refusals_total', { reason: 'sign_in_rate_limited' })).toBe(
      1,
    );

    // Series that have not happened yet are there at 0 (increase() sees the first one).
    expect(
      refusedAfter.samples('podium_refusals_total', { reason: 'sign_up_rate_limited' }),
    ).toEqual([expect.objectContaining({ value: 0 })]);
    expect(refusedAfter.samples('podium_executor_recoveries_total')).toHaveLength(3);

    // Node's process metrics, event-loop lag among them.
    expect(refusedAfter.typeOf('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(refusedAfter.typeOf('process_resident_memory_bytes')).toBe('gauge');
    // NaN only where the format allows it for us: event-loop percentiles with no sample yet.
    for (const line of refusedAfter.nanLines) expect(line).toMatch(/^nodejs_eventloop_lag_/);

    const labels = Object.values(refusedAfter.families).flatMap((family) =>
      (family.data as Array<{ labels: Record<string, string> }>).map((d) => d.labels),
    );
    for (const tenant of TENANT_LABELS) {
      expect(labels.filter((l) => tenant in l)).toEqual([]);
    }
    expect(labels.filter((l) => Object.values(l).includes(appName))).toEqual([]);
  });
});

describe('GET /metrics in replica mode: each replica reports itself', () => {
  let set: ReplicaSet;
  let appDb: ScratchDatabase;
  let podium: Podium;

  beforeAll(async () => {
    set = await startReplicas(2);
    appDb = await createScratchDatabase({ migrate: false });
  });
  afterAll(async () => {
    await podium?.shutdown();
    await set?.close();
    await appDb?.drop();
  });

  it('counts a command routed from another replica on the replica holding the link', async () => {
    const [holder, other] = set.replicas as [RunningControlPlane, RunningControlPlane];
    const f = factories(holder.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const key = (await f.newApiKey(org.id)).secret;
    podium = await launchSdkApp(holder.conductorUrl, app.name, key, appDb.url);
    const linkedHere = await waitUntil(
      async () => {
        const now = await scrape(`${holder.url}/metrics`);
        return now.value('podium_executor_links', { state: 'connected' }) === 1 ? now : undefined;
      },
      15_000,
      'the executor linked to the first replica',
    );
    const elsewhere = await scrape(`${other.url}/metrics`);
    expect(elsewhere.value('podium_executor_links', { state: 'connected' })).toBe(0);

    // Asked through the other replica: routed over Redis, sent on the holder's link.
    const labels = { type: 'list_workflows', outcome: 'answered' };
    const res = await apiClient(other.url)(
      'get',
      `/v2/orgs/${org.name}/apps/${app.name}/workflows`,
      {
        key,
      },
    );
    expect(res.status).toBe(200);
    const holderAfter = await scrape(`${holder.url}/metrics`);
    const otherAfter = await scrape(`${other.url}/metrics`);
    expect(
      holderAfter.value('podium_executor_commands_total', labels) -
        linkedHere.value('podium_executor_commands_total', labels),
    ).toBe(1);
    expect(otherAfter.value('podium_executor_commands_total', labels)).toBe(0);
  });
});
