import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ListExecutorsResponseSchema } from '@podium/protocol';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { EventBus } from '../../src/infra/events/event-bus';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { ExecutorListingsRepository } from '../../src/modules/executors/executor-listings.repository';
import { ExecutorsRepository } from '../../src/modules/executors/executors.repository';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, signUpAndIn } from './test-browser';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

/** The lifetime of the key that expires under a live link: far beyond connecting. */
const KEY_LIFETIME_MS = 15_000;

describe('executor gateway (PostgreSQL)', () => {
  let server: RunningControlPlane;
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };
  let app: { id: string; name: string };
  let secret: string;

  const wsUrl = (appName: string, key: string) =>
    `${server.conductorUrl}/websocket/${appName}/${key}`;
  const executorsOf = (applicationId: string) =>
    server.app.get(ExecutorListingsRepository).findForApplication(org.id, applicationId);

  async function connectAs(
    executorId: string,
    key = secret,
    appName = app.name,
    applicationId = app.id,
  ): Promise<WebSocket> {
    const result = await connectExecutor(wsUrl(appName, key), {
      executor_id: executorId,
      application_version: 'v1',
      executor_metadata: { zone: 'a' },
    });
    if (!('ws' in result)) throw new Error(`refused: ${result.refused} ${result.body}`);
    await waitUntil(
      () =>
        server.app
          .get(ExecutorRegistry)
          .forApplication(applicationId)
          .some((e) => e.identity.executorId === executorId),
      DEFAULT_WAIT_TIMEOUT_MS,
      `executor ${executorId} registered`,
    );
    return result.ws;
  }

  // Pings an hour apart: a revoked key's links close within the test only if the revocation
  // is pushed to them, not found at a later ping.
  const stack = usePostgresControlPlane({ executors: { pingIntervalMs: 60 * 60_000 } });

  beforeAll(async () => {
    server = stack.server;
    f = factories(server.app);
    org = await f.newOrg();
    app = await f.newApp(org.id);
    ({ secret } = await f.newApiKey(org.id));
  });

  it('refuses an unknown key with 401 and a problem body before the upgrade, and never logs a key', async () => {
    const bogus = `pdm_deadbeef_${'x'.repeat(43)}`;
    const result = await connectExecutor(wsUrl(app.name, bogus));
    expect(result).toMatchObject({ refused: 401 });
    if ('body' in result)
      expect(JSON.parse(result.body)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await connectAs(`exec-${randomUUID()}`);
    const logs = server.logs.join('');
    expect(logs).toContain('[REDACTED]');
    expect(logs).not.toContain(bogus);
    expect(logs).not.toContain(secret);
  });

  /** An upgrade request with a good key, its method and headers as given. */
  function handshake(method: string, headers: Record<string, string>) {
    const url = new URL(wsUrl(app.name, secret).replace(/^ws/, 'http'));
    return new Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const req = http.request(url, {
          method,
          headers: { Connection: 'Upgrade', Upgrade: 'websocket', ...headers },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      },
    );
  }

  it('answers a good key with a malformed handshake as a problem (400), not as ws text', async () => {
    // An upgrade without Sec-WebSocket-Key: past authentication, refused by the handshake.
    const versions: Record<string, string>[] = [{ 'Sec-WebSocket-Version': '13' }, {}];
    for (const headers of versions) {
      const answer = await handshake('GET', headers);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
      // The key is what was refused, not the version.
      expect(answer.headers['sec-websocket-version']).toBeUndefined();
    }
  });

  it('names the versions it speaks when refusing another, and allows only GET', async () => {
    const key = Buffer.alloc(16, 7).toString('base64');
    const version = await handshake('GET', {
      'Sec-WebSocket-Key': key,
      'Sec-WebSocket-Version': '99',
    });
    expect(version.status).toBe(400);
    expect(version.headers['sec-websocket-version']).toBe('13, 8');
    expect(JSON.parse(version.body)).toMatchObject({ code: 'MALFORMED_REQUEST' });

    const method = await handshake('POST', {
      'Sec-WebSocket-Key': key,
      'Sec-WebSocket-Version': '13',
    });
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET');
    expect(JSON.parse(method.body)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('refuses an unknown application (404) and a key without websocket.connect (403)', async () => {
    await expect(connectExecutor(wsUrl('no-such-app', secret))).resolves.toMatchObject({
      refused: 404,
    });
    const readOnly = await f.newApiKey(org.id, { permissions: ['application.read'] });
    await expect(connectExecutor(wsUrl(app.name, readOnly.secret))).resolves.toMatchObject({
      refused: 403,
    });
  });

  it('answers an app outside a scoped key exactly like a missing app (no probing names)', async () => {
    const other = await f.newApp(org.id);
    const scoped = await f.newApiKey(org.id, { applicationIds: [other.id] });
    const outOfScope = await connectExecutor(wsUrl(app.name, scoped.secret));
    const missing = await connectExecutor(wsUrl('no-such-app', scoped.secret));
    expect(outOfScope).toMatchObject({ refused: 404 });
    expect(missing).toMatchObject({ refused: 404 });
    const detailOf = (result: typeof missing) =>
      'body' in result ? (JSON.parse(result.body) as { code: string; detail: string }) : null;
    expect(detailOf(outOfScope)).toEqual({
      ...detailOf(missing),
      detail: detailOf(missing)?.detail.replace('no-such-app', app.name),
    });

    // Same app name in another organization: that key can only ever reach its own org's app.
    const otherOrg = await f.newOrg();
    const foreign = await f.newApiKey(otherOrg.id);
    await expect(connectExecutor(wsUrl(app.name, foreign.secret))).resolves.toMatchObject({
      refused: 404,
    });
  });

  it('asks executor_info first, records the executor as CONNECTED, then DISCONNECTED on close', async () => {
    const executorId = `exec-${randomUUID()}`;
    const ws = await connectAs(executorId);
    const [connected] = (await executorsOf(app.id)).filter((e) => e.executorId === executorId);
    expect(connected).toMatchObject({
      status: 'CONNECTED',
      applicationVersion: 'v1',
      language: 'typescript',
      sdkVersion: '5.2.11',
      hostname: 'test-host',
      metadata: { zone: 'a' },
    });
    ws.close();
    const disconnected = await waitUntil(async () =>
      (await executorsOf(app.id)).find(
        (e) => e.executorId === executorId && e.status === 'DISCONNECTED',
      ),
    );
    expect(disconnected?.disconnectedAt).toBeInstanceOf(Date);
  });

  it('links a DBOS executor from before late 2025, which says neither language nor version', async () => {
    const executorId = `exec-${randomUUID()}`;
    const result = await connectExecutor(wsUrl(app.name, secret), {
      executor_id: executorId,
      application_version: 'v1',
      language: undefined, // left out of the frame, as TypeScript < 4.5 and Python < 2.6 do
      dbos_version: undefined,
    });
    if (!('ws' in result)) throw new Error(`refused: ${result.refused} ${result.body}`);
    const listed = await waitUntil(async () => {
      const response = await fetch(`${server.url}/v2/orgs/${org.name}/apps/${app.name}/executors`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      const executors = ListExecutorsResponseSchema.parse(await response.json());
      return executors.find((e) => e.executorId === executorId && e.status === 'HEALTHY');
    });
    // DBOS Conductor's Executor has both nullable: null, not a made-up value.
    expect(listed).toMatchObject({ language: null, dbosVersion: null, appVersion: 'v1' });
    expect((await executorsOf(app.id)).find((e) => e.executorId === executorId)).toMatchObject({
      status: 'CONNECTED',
      language: null,
      sdkVersion: null,
    });
    result.ws.close();
    await closed(result.ws);
  });

  it('closes the link of an executor whose identity is beyond bounds, and says which part', async () => {
    // An application of its own: handshake failures are logged a few times a minute per app.
    const own = await f.newApp(org.id);
    const result = await connectExecutor(wsUrl(own.name, secret), {
      executor_id: `exec-${randomUUID()}`,
      application_version: 'v1',
      executor_metadata: { blob: 'x'.repeat(64 * 1024) },
    });
    if (!('ws' in result)) throw new Error(`refused: ${result.refused} ${result.body}`);
    expect(await closed(result.ws)).toBe(1011);
    const failure = server.logs
      .join('')
      .split('\n')
      .find((line) => line.includes(own.name) && line.includes('executor_info handshake failed'));
    expect(failure).toContain('executor_metadata: at most 65536 characters of JSON');
    expect(await executorsOf(own.id)).toEqual([]);
  });

  it('announces no disconnection of a link its executor had already replaced by redialling', async () => {
    const executorId = `exec-${randomUUID()}`;
    const announced: Date[] = [];
    const off = server.app.get(EventBus).on('executor.disconnected', (snapshot) => {
      if (snapshot.executorId === executorId) announced.push(snapshot.connectedAt);
    });
    const recordings = vi.spyOn(server.app.get(ExecutorsRepository), 'recordDisconnected');
    try {
      const linked = () => server.app.get(ExecutorRegistry).forApplication(app.id);
      const mine = () => linked().filter((e) => e.identity.executorId === executorId);
      const first = await connectAs(executorId);
      // A redial while the first link still looks open (a network blip): the row is its now.
      const result = await connectExecutor(wsUrl(app.name, secret), {
        executor_id: executorId,
        application_version: 'v1',
      });
      if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
      await waitUntil(() => mine().length === 2, DEFAULT_WAIT_TIMEOUT_MS, 'both links');
      const secondConnectedAt = (await executorsOf(app.id)).find(
        (e) => e.executorId === executorId,
      )?.connectedAt;
      first.close();
      await waitUntil(() => recordings.mock.results.length === 1, DEFAULT_WAIT_TIMEOUT_MS);
      await expect(recordings.mock.results[0]?.value).resolves.toBe(false); // not its row
      // The second link's close is announced: by then the first one's would have been too.
      result.ws.close();
      await waitUntil(() => announced.length > 0, DEFAULT_WAIT_TIMEOUT_MS, 'an announcement');
      expect(announced).toEqual([secondConnectedAt]);
    } finally {
      off();
      recordings.mockRestore();
    }
  });

  it('links an executor of an application whose name is as long as DBOS allows (256)', async () => {
    const longest = await f.newApp(org.id, `app-${'x'.repeat(247)}-${randomUUID().slice(0, 4)}`);
    expect(longest.name).toHaveLength(256);
    const executorId = `exec-${randomUUID()}`;
    const ws = await connectAs(executorId, secret, longest.name, longest.id);
    expect((await executorsOf(longest.id)).map((e) => e.executorId)).toEqual([executorId]);
    ws.close();
    await closed(ws);
  });

  it('drops malformed, unsolicited and binary frames and keeps serving the link', async () => {
    const executorId = `exec-${randomUUID()}`;
    const ws = await connectAs(executorId);
    ws.send('this is not json');
    ws.send(JSON.stringify({ type: 'get_workflow', request_id: 'nobody-asked' }));
    ws.send(JSON.stringify([1, 2, 3]));
    ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    const live = server.app
      .get(ExecutorRegistry)
      .forApplication(app.id)
      .find((e) => e.identity.executorId === executorId);
    const info = await live!.link.request('executor_info');
    expect(info.executor_id).toBe(executorId);
    await expect(fetch(`${server.url}/healthz`).then((r) => r.status)).resolves.toBe(200);
    expect(server.logs.join('')).toContain('dropped undecodable frame');
    ws.close();
  });

  it('closes only the link that sends an oversized frame', async () => {
    const big = await connectAs(`exec-${randomUUID()}`);
    const small = await connectAs(`exec-${randomUUID()}`);
    const bigClosed = closed(big);
    big.send('x'.repeat(2 * 1024 * 1024));
    await expect(bigClosed).resolves.toBe(1009);
    expect(small.readyState).toBe(small.OPEN);
    small.close();
  });

  it('fails pending requests at once when the executor disconnects (no leak)', async () => {
    const executorId = `exec-${randomUUID()}`;
    const ws = await connectAs(executorId);
    const live = server.app
      .get(ExecutorRegistry)
      .forApplication(app.id)
      .find((e) => e.identity.executorId === executorId)!;
    const pending = live.link.request('get_workflow', { workflow_id: 'w1' });
    expect(live.link.pendingCount).toBe(1);
    ws.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'EXECUTOR_DISCONNECTED' });
    expect(live.link.pendingCount).toBe(0);
  });

  it('closes every link of a revoked key, then refuses the key', async () => {
    const key = await f.newApiKey(org.id);
    const first = await connectAs(`exec-${randomUUID()}`, key.secret);
    const second = await connectAs(`exec-${randomUUID()}`, key.secret);
    const bystander = await connectAs(`exec-${randomUUID()}`);
    const closes = Promise.all([closed(first), closed(second)]);
    await server.app.get(ApiKeysService).revokeApiKey(org.id, key.apiKey.id);
    // Pushed at revocation: no ping comes in this test and no request goes over the links.
    await expect(closes).resolves.toEqual([4001, 4001]);
    expect(bystander.readyState).toBe(bystander.OPEN);
    await expect(connectExecutor(wsUrl(app.name, key.secret))).resolves.toMatchObject({
      refused: 401,
    });
    bystander.close();
  });

  it(
    'closes the link when its key expires',
    async () => {
      // The link learns its key's expiry when it connects and closes itself then: a later change
      // in the database would not reach it, so the key must outlive connectAs (connecting, then
      // waiting for registration) on a loaded machine, by far. The wait below ends on the close.
      const key = await f.newApiKey(org.id, { expiresAt: new Date(Date.now() + KEY_LIFETIME_MS) });
      const ws = await connectAs(`exec-${randomUUID()}`, key.secret);
      const closing = new Promise<[number, string]>((resolve) =>
        ws.once('close', (code, reason) => resolve([code, reason.toString()])),
      );
      await expect(closing).resolves.toEqual([4001, 'API key expired']);
      await expect(connectExecutor(wsUrl(app.name, key.secret))).resolves.toMatchObject({
        refused: 401,
      });
    },
    KEY_LIFETIME_MS + 45_000,
  );

  it('closes every link of a deleted application (4001), leaves other applications alone, then refuses it', async () => {
    const doomed = await f.newApp(org.id);
    const registry = server.app.get(ExecutorRegistry);
    const sockets = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const result = await connectExecutor(wsUrl(doomed.name, secret), {
          executor_id: `doomed-${name}-${randomUUID()}`,
          application_version: 'v1',
        });
        if (!('ws' in result)) throw new Error(`refused: ${result.refused} ${result.body}`);
        return result.ws;
      }),
    );
    await waitUntil(
      () => registry.forApplication(doomed.id).length === 2,
      DEFAULT_WAIT_TIMEOUT_MS,
      'both linked',
    );
    const bystander = await connectAs(`exec-${randomUUID()}`);
    const closes = Promise.all(sockets.map(closed));

    const admin = new TestBrowser(server.url);
    await f.newMember(org.id, (await signUpAndIn(admin)).userId, 'ADMIN');
    expect((await admin.delete(`/v2/orgs/${org.name}/apps/${doomed.name}`)).status).toBe(204);

    await expect(closes).resolves.toEqual([4001, 4001]);
    expect(bystander.readyState).toBe(bystander.OPEN);
    await waitUntil(
      () => registry.forApplication(doomed.id).length === 0,
      DEFAULT_WAIT_TIMEOUT_MS,
      'unlinked',
    );
    await expect(connectExecutor(wsUrl(doomed.name, secret))).resolves.toMatchObject({
      refused: 404,
    });
    bystander.close();
  });
});
