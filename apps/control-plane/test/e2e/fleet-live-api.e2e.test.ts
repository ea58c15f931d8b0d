import {
  ListApplicationVersionsResponseSchema,
  ListExecutorsResponseSchema,
  LiveEventSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiveStreams } from '../../src/modules/live/live-streams';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { pageOf } from './test-browser';
import { dbosExecutorStatuses } from './dbos-conductor-spec';
import { connectScriptedExecutor } from './scripted-executor';
import { openSse } from './sse-client';
import { usePostgresControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

describe('executors, versions and live events (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let f: ReturnType<typeof factories>;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let key: string;

  const executorUrl = (appName: string) =>
    `${stack.server.conductorUrl}/websocket/${appName}/${key}`;

  beforeAll(async () => {
    f = factories(stack.server.app);
    api = apiClient(stack.server.url);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });

  it('streams a snapshot, then executor connects and disconnects, and cleans up when the client leaves', async () => {
    const app = await f.newApp(org.id);
    const streams = stack.server.app.get(LiveStreams);
    const sse = await openSse(`${stack.server.url}/v2/orgs/${org.name}/apps/${app.name}/events`, {
      authorization: `Bearer ${key}`,
    });
    expect(sse.res.status).toBe(200);
    expect(sse.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const snapshot = LiveEventSchema.parse((await sse.next('snapshot')).data);
    expect(snapshot).toMatchObject({ type: 'snapshot', executors: [] });

    // Another app's executor is not this stream's business.
    const other = await f.newApp(org.id);
    const elsewhere = await connectScriptedExecutor(
      executorUrl(other.name),
      { executor_id: 'elsewhere', application_version: 'v1' },
      () => ({}),
    );
    const link = await connectScriptedExecutor(
      executorUrl(app.name),
      { executor_id: 'exec-live', application_version: 'v7' },
      () => ({}),
    );
    const connected = LiveEventSchema.parse((await sse.next('executor.connected')).data);
    expect(connected).toMatchObject({
      type: 'executor.connected',
      executor: {
        executorId: 'exec-live',
        appVersion: 'v7',
        status: 'HEALTHY',
        hostname: 'scripted',
        disconnectedAt: null,
      },
    });
    await link.close(); // a closing handshake: it stopped on purpose
    const disconnected = LiveEventSchema.parse((await sse.next('executor.disconnected')).data);
    expect(disconnected).toMatchObject({
      executor: { executorId: 'exec-live', status: 'DISCONNECTED', stopped: true },
    });
    if (disconnected.type === 'executor.disconnected') {
      expect(disconnected.executor.disconnectedAt).toBe(disconnected.at);
    }
    expect(sse.comments).toContain('connected');
    await elsewhere.close();

    // Left open on purpose: shutting the server down must end it (afterAll would hang).
    await openSse(`${stack.server.url}/v2/orgs/${org.name}/apps/${app.name}/events`, {
      authorization: `Bearer ${key}`,
    });
    expect(streams.size).toBe(2);
    sse.close();
    await waitUntil(() => streams.size === 1, DEFAULT_WAIT_TIMEOUT_MS, 'stream cleaned up');
  });

  it('lists recorded executors, connected first, with paging and a status filter', async () => {
    const app = await f.newApp(org.id);
    const base = `/v2/orgs/${org.name}/apps/${app.name}`;
    const gone = await connectScriptedExecutor(
      executorUrl(app.name),
      { executor_id: 'gone', application_version: 'v1' },
      () => ({}),
    );
    await waitUntil(async () => {
      const res = await api('get', `${base}/executors`, { key });
      return Array.isArray(res.body) && res.body.length === 1;
    });
    gone.ws.terminate(); // lost, not stopped
    const live = await connectScriptedExecutor(
      executorUrl(app.name),
      { executor_id: 'live', application_version: 'v2' },
      () => ({ error_message: 'Unknown message type' }),
    );
    const page = await waitUntil(async () => {
      const res = await api('get', `${base}/executors`, { key });
      const parsed = pageOf(res, ListExecutorsResponseSchema);
      return parsed.items.map((e) => `${e.executorId}:${e.status}`).join() ===
        'live:HEALTHY,gone:DISCONNECTED'
        ? parsed
        : undefined;
    });
    // Served whole by default, as DBOS Conductor does (no paging parameters in its API).
    expect(page).toMatchObject({ total: 2, limit: 500, offset: 0 });
    expect(page.items[0]).toMatchObject({ language: 'typescript', dbosVersion: '5.2.11' });

    // DBOS's application status and language come from its executors.
    const appsPath = `/v2/orgs/${org.name}/apps`;
    const shown = { name: app.name, status: 'AVAILABLE', language: 'typescript', dbosCloud: false };
    expect((await api('get', `${appsPath}/${app.name}`, { key })).body).toMatchObject(shown);
    const idle = await f.newApp(org.id);
    expect((await api('get', `${appsPath}/${idle.name}`, { key })).body).toMatchObject({
      status: 'UNAVAILABLE',
      language: null,
    });
    const apps = await api('get', appsPath, { key });
    expect(apps.headers.get('x-page-limit')).toBe('500');

    const filtered = await api('get', `${base}/executors?status=DISCONNECTED&limit=1`, { key });
    expect(pageOf(filtered, ListExecutorsResponseSchema)).toMatchObject({
      total: 1,
      items: [{ executorId: 'gone' }],
    });

    // The executor does not know list_application_versions: versions come from the records.
    const versions = await api('get', `${base}/versions`, { key });
    expect(pageOf(versions, ListApplicationVersionsResponseSchema)).toEqual({
      source: 'records',
      items: [
        {
          versionName: 'v2',
          versionId: null,
          versionTimestamp: null,
          createdAt: null,
          latest: true,
          connectedExecutors: 1,
        },
        {
          versionName: 'v1',
          versionId: null,
          versionTimestamp: null,
          createdAt: null,
          latest: false,
          connectedExecutors: 0,
        },
      ],
    });
    await live.close();
  });

  it('flags an executor that closed its link itself as stopped, in DBOS statuses, and filters by it', async () => {
    const app = await f.newApp(org.id);
    const base = `/v2/orgs/${org.name}/apps/${app.name}`;
    const connect = (id: string) =>
      connectScriptedExecutor(
        executorUrl(app.name),
        { executor_id: id, application_version: 'v1' },
        () => ({}),
      );
    const [sdk, dbos, lost] = [await connect('sdk'), await connect('dbos'), await connect('lost')];
    const healthy = await waitUntil(async () => {
      const res = await api('get', `${base}/executors?status=HEALTHY`, { key });
      const items = ListExecutorsResponseSchema.parse(res.body);
      return res.headers.get('x-total-count') === '3' ? items : undefined;
    });
    await sdk.close(1000); // our SDK's shutdown
    await dbos.close(); // DBOS's: a close frame without a code
    lost.ws.terminate(); // no close frame: a crash or a cut network
    const expected = 'dbos:DISCONNECTED:stopped,lost:DISCONNECTED:lost,sdk:DISCONNECTED:stopped';
    const ended = await waitUntil(async () => {
      const res = await api('get', `${base}/executors`, { key });
      const items = ListExecutorsResponseSchema.parse(res.body);
      const shown = items
        .map((e) => `${e.executorId}:${e.status}:${e.stopped ? 'stopped' : 'lost'}`)
        .sort()
        .join();
      return shown === expected ? items : undefined;
    });
    expect(ended).toHaveLength(3);
    // A DBOS client validates DBOS's enum: nothing outside it, whatever the flag says.
    const allowed = new Set(dbosExecutorStatuses());
    const served = [...healthy, ...ended].map((e) => e.status);
    expect(served.filter((status) => !allowed.has(status))).toEqual([]);
    expect(new Set(served)).toEqual(new Set(['HEALTHY', 'DISCONNECTED']));

    const stopped = await api('get', `${base}/executors?status=STOPPED`, { key });
    const stoppedItems = ListExecutorsResponseSchema.parse(stopped.body);
    expect(stoppedItems.map((e) => [e.executorId, e.deadAt]).sort()).toEqual([
      ['dbos', null],
      ['sdk', null],
    ]);
    // A status takes the stopped ones too, as the list shows them.
    const disconnected = await api('get', `${base}/executors?status=DISCONNECTED`, { key });
    expect(pageOf(disconnected, ListExecutorsResponseSchema).total).toBe(3);
    const either = await api('get', `${base}/executors?status=HEALTHY,STOPPED`, { key });
    expect(pageOf(either, ListExecutorsResponseSchema).total).toBe(2);
  });
});
