import { CreateApiKeyResponseSchema, LiveEventSchema, ApplicationSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client';
import { closed, connectExecutor } from './fake-executor';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';
import { openSse } from './sse-client';
import { startReplicas, type ReplicaSet } from './replicas';
import type { RunningControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

const info = (executor_id: string) => ({ executor_id, application_version: 'v1' });

describe('events and limits shared by replicas (PostgreSQL + Redis)', () => {
  let set: ReplicaSet;
  let a: RunningControlPlane;
  let b: RunningControlPlane;
  /** The organization's owner, signed in (sessions are valid on every replica). */
  let ownerOnB: TestBrowser;
  let org: string;

  async function createApp(name: string) {
    const res = await ownerOnB.post(`/v2/orgs/${org}/apps`, { name });
    return bodyOf(res, ApplicationSchema, 201);
  }

  // Names are unique among an organization's live keys.
  let keys = 0;
  async function createKey() {
    const res = await ownerOnB.post(`/v2/orgs/${org}/tokens`, {
      name: `executors-${(keys += 1)}`,
      permissions: ['websocket.connect', 'application.read'],
    });
    return bodyOf(res, CreateApiKeyResponseSchema, 201);
  }

  /** An executor linked to replica A, once A recorded it. */
  async function linkToA(appName: string, secret: string, executorId: string) {
    const opened = await connectExecutor(
      `${a.conductorUrl}/websocket/${appName}/${secret}`,
      info(executorId),
    );
    if (!('ws' in opened)) throw new Error(`refused: ${opened.refused} ${opened.body}`);
    await waitUntil(
      async () =>
        (
          await apiClient(a.url)('get', `/v2/orgs/${org}/apps/${appName}/executors`, {
            key: secret,
          })
        ).headers.get('x-total-count') === '1',
      10_000,
      'executor recorded',
    );
    return opened.ws;
  }

  beforeAll(async () => {
    // Pings an hour apart: a link closes within a test only if the news is pushed to it.
    set = await startReplicas(2, {
      executors: { pingIntervalMs: 60 * 60_000 },
      live: { maxStreamsPerCaller: 2 },
    });
    [a, b] = set.replicas as [RunningControlPlane, RunningControlPlane];
    ownerOnB = new TestBrowser(b.url);
    await signUpAndIn(ownerOnB);
    org = `replicas-${Date.now().toString(36)}`;
    expect((await ownerOnB.post('/v2/orgs', { name: org })).status).toBe(201);
  });
  afterAll(async () => {
    await set?.close();
  });

  it("carries replica A's executor events on a live stream opened on replica B", async () => {
    const app = await createApp('live-across');
    const key = await createKey();
    const sse = await openSse(`${b.url}/v2/orgs/${org}/apps/${app.name}/events`, {
      authorization: `Bearer ${key.token}`,
    });
    expect(sse.res.status).toBe(200);
    await sse.next('snapshot', 10_000);
    const ws = await linkToA(app.name, key.token, 'streamed');
    const connected = LiveEventSchema.parse((await sse.next('executor.connected', 10_000)).data);
    expect(connected).toMatchObject({ executor: { executorId: 'streamed', status: 'HEALTHY' } });
    ws.close();
    const disconnected = LiveEventSchema.parse(
      (await sse.next('executor.disconnected', 10_000)).data,
    );
    // It closed the link itself: stopped, and the flag crossed replicas with the rest.
    expect(disconnected).toMatchObject({ executor: { executorId: 'streamed', stopped: true } });
    // Dates crossed as Dates: the event's time is the executor's disconnection time.
    if (disconnected.type === 'executor.disconnected') {
      expect(disconnected.executor.disconnectedAt).toBe(disconnected.at);
    }
    sse.close();
  });

  it("closes replica A's links when their key is revoked on replica B, and A forgets the key at once", async () => {
    const app = await createApp('revoked-across');
    const key = await createKey();
    const api = apiClient(a.url);
    // A has the key in its cache of recently valid keys.
    expect((await api('get', `/v2/orgs/${org}/apps/${app.name}`, { key: key.token })).status).toBe(
      200,
    );
    const ws = await linkToA(app.name, key.token, 'revoked');
    const closing = closed(ws);
    expect((await ownerOnB.delete(`/v2/orgs/${org}/tokens/${key.id}`)).status).toBe(204);
    expect(await closing).toBe(4001);
    // The same event dropped A's cache entry: the key is refused there now.
    const after = await api('get', `/v2/orgs/${org}/apps/${app.name}`, { key: key.token });
    expect(after.status).toBe(401);
  });

  it("closes replica A's links when their application is deleted on replica B, and A forgets it", async () => {
    const app = await createApp('deleted-across');
    const key = await createKey();
    const ws = await linkToA(app.name, key.token, 'orphan');
    const api = apiClient(a.url);
    const appPath = `/v2/orgs/${org}/apps/${app.name}`;
    // A has the application in its directory of recently resolved names.
    expect((await api('get', appPath, { key: key.token })).status).toBe(200);
    const closing = closed(ws);
    expect((await ownerOnB.delete(appPath)).status).toBe(204);
    expect(await closing).toBe(4001);
    // The same event made A forget it: gone there too, at once.
    expect((await api('get', appPath, { key: key.token })).status).toBe(404);
  });

  it('counts failed sign-ins from one address on every replica together', async () => {
    const victim = new TestBrowser(a.url);
    const { email } = await signUpAndIn(victim);
    const attackerIp = '203.0.113.77';
    const onA = new TestBrowser(a.url, attackerIp);
    const onB = new TestBrowser(b.url, attackerIp);
    const guess = (browser: TestBrowser) =>
      browser.post('/v2/sessions', { email, password: 'wrong password!' });
    // Five free failures in all (three on A, two on B), then the address waits, on both.
    const statuses: number[] = [];
    for (const browser of [onA, onB, onA, onB, onA]) statuses.push((await guess(browser)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    assertProblem(await guess(onB), 429, 'RATE_LIMITED');
    assertProblem(await guess(onA), 429, 'RATE_LIMITED');
  });

  it("counts a caller's live streams on every replica together", async () => {
    const app = await createApp('streams-cap');
    const key = await createKey();
    const headers = { authorization: `Bearer ${key.token}` };
    const open = (on: RunningControlPlane) =>
      openSse(`${on.url}/v2/orgs/${org}/apps/${app.name}/events`, headers);
    const held = [await open(a), await open(b)];
    expect(held.map((sse) => sse.res.status)).toEqual([200, 200]);
    // Two in all, one on each replica: a third is refused on either.
    for (const on of [a, b]) {
      const refused = await open(on);
      expect(refused.res.status).toBe(429);
      expect(await refused.res.json()).toMatchObject({ code: 'RATE_LIMITED' });
    }
    // Room on A again once B has seen its client leave and given the slot back.
    held.pop()?.close();
    const again = await waitUntil(
      async () => {
        const sse = await open(a);
        if (sse.res.status === 200) return sse;
        sse.close();
        return undefined;
      },
      DEFAULT_WAIT_TIMEOUT_MS,
      "the closed stream's slot given back",
    );
    for (const sse of [...held, again]) sse.close();
  });
});
