import { PROBLEM_CONTENT_TYPE } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { connectScriptedExecutor } from './scripted-executor';
import { openSse } from './sse-client';
import { openRawConnection, parseRawResponse } from './raw-socket';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/** Only a guard against hanging forever: every wait below ends on an event. */
const HANG_GUARD_MS = 30_000;

function guarded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not within ${HANG_GUARD_MS} ms`)),
      HANG_GUARD_MS,
    );
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

describe('idle connections are closed (short idle timeout)', () => {
  let server: RunningControlPlane;

  beforeAll(async () => {
    server = await startTestControlPlane(
      { kind: 'pglite', dataDir: 'memory://' },
      // The idle timeout closes these silently; Node's headers deadline would answer 408 instead,
      // so it is due long after the test's own hang guard: only the idle timeout closes them.
      { httpTimeouts: { idleMs: 300, headersMs: 60_000, requestMs: 120_000 } },
    );
  });
  afterAll(() => server?.close());

  it('closes a connection that never sends a byte', async () => {
    const connection = await openRawConnection(server.url);
    await expect(guarded(connection.closed, 'the idle connection closing')).resolves.toBe('');
  });

  it('closes a connection that stops halfway through its request headers', async () => {
    const connection = await openRawConnection(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    await guarded(connection.closed, 'the half-sent request closing');
    expect(connection.socket.destroyed).toBe(true);
  });
});

/**
 * Timeouts short enough to wait out, long enough that the requests made here (a fetch, an SSE
 * stream, a WebSocket upgrade) are never cut while being sent or before their handling starts,
 * however loaded the machine: the other servers of this file show the cuts.
 */
const LONG_LIVED_TIMEOUTS = { idleMs: 2_000, headersMs: 2_000, requestMs: 2_000 };
/** Idle periods waited out by each test below: together well past every timeout above. */
const IDLE_PERIODS = 2;

describe(
  'long-lived and slow work outlives the idle and request timeouts',
  { timeout: (IDLE_PERIODS + 4) * HANG_GUARD_MS },
  () => {
    let server: RunningControlPlane;
    let org: { id: string; name: string };
    let app: { id: string; name: string };
    let key: string;

    beforeAll(async () => {
      server = await startTestControlPlane(
        { kind: 'pglite', dataDir: 'memory://' },
        // The executor's answer to the slow call is awaited past the idle periods too.
        {
          httpTimeouts: LONG_LIVED_TIMEOUTS,
          executors: { requestTimeoutMs: (IDLE_PERIODS + 1) * HANG_GUARD_MS },
        },
      );
      const f = factories(server.app);
      org = await f.newOrg();
      app = await f.newApp(org.id);
      key = (await f.newApiKey(org.id)).secret;
    });
    afterAll(() => server?.close());

    /**
     * Lets `count` idle timeouts pass, measured by the server itself: each time a fresh
     * connection that sends nothing is closed by it.
     */
    async function idlePeriodsPass(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const idle = await openRawConnection(server.url);
        await guarded(idle.closed, 'the server closing an idle connection');
      }
    }

    async function connectExecutor(
      executorId: string,
      answer: () => Promise<unknown[]> | unknown[],
    ) {
      const link = await connectScriptedExecutor(
        `${server.conductorUrl}/websocket/${app.name}/${key}`,
        { executor_id: executorId, application_version: 'v1' },
        async () => ({ output: await answer() }),
      );
      await waitUntil(
        () => server.app.get(ExecutorRegistry).isLinked(app.id, executorId),
        HANG_GUARD_MS,
        'executor linked',
      );
      return link;
    }

    it('keeps an SSE stream open across idle periods, and it still delivers events', async () => {
      const sse = await openSse(`${server.url}/v2/orgs/${org.name}/apps/${app.name}/events`, {
        authorization: `Bearer ${key}`,
      });
      try {
        await sse.next('snapshot', HANG_GUARD_MS);
        // The heartbeat comes every 15 s: the stream is silent through these.
        await idlePeriodsPass(IDLE_PERIODS);
        const link = await connectExecutor('sse-witness', () => []);
        await expect(sse.next('executor.connected', HANG_GUARD_MS)).resolves.toMatchObject({
          data: { executor: { executorId: 'sse-witness' } },
        });
        await link.close();
      } finally {
        sse.close();
      }
    });

    it('keeps an executor WebSocket open across idle periods, and commands still go through', async () => {
      const link = await connectExecutor('ws-survivor', () => []);
      try {
        // Pings come every 20 s: the link is silent through these.
        await idlePeriodsPass(IDLE_PERIODS);
        const res = await fetch(`${server.url}/v2/orgs/${org.name}/apps/${app.name}/workflows`, {
          headers: { authorization: `Bearer ${key}` },
        });
        expect(res.status).toBe(200);
        expect(link.ws.readyState).toBe(link.ws.OPEN);
      } finally {
        await link.close();
      }
    });

    it('lets a slow API call finish long after the idle and request timeouts', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const link = await connectExecutor('slow-one', async () => {
        await released;
        return [];
      });
      try {
        const call = fetch(`${server.url}/v2/orgs/${org.name}/apps/${app.name}/workflows`, {
          headers: { authorization: `Bearer ${key}` },
        });
        await waitUntil(
          () => link.requests.length > 0,
          HANG_GUARD_MS,
          'the command at the executor',
        );
        await idlePeriodsPass(IDLE_PERIODS); // longer than the request timeout too
        release();
        const res = await guarded(call, 'the slow call');
        expect(res.status).toBe(200);
      } finally {
        await link.close();
      }
    });
  },
);

describe('requests sent too slowly get a 408 problem (short header and request timeouts)', () => {
  let server: RunningControlPlane;

  beforeAll(async () => {
    server = await startTestControlPlane(
      { kind: 'pglite', dataDir: 'memory://' },
      // Idle far away: only the header and request deadlines can end these connections.
      { httpTimeouts: { idleMs: 60_000, headersMs: 300, requestMs: 600 } },
    );
  });
  afterAll(() => server?.close());

  it.each([
    ['its headers', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '],
    [
      'its body',
      'POST /v2/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"email":',
    ],
  ])('cuts a request that never finishes %s', async (_part, text) => {
    const connection = await openRawConnection(server.url, text);
    const response = parseRawResponse(await guarded(connection.closed, 'the slow request cut'));
    expect(response.status).toBe(408);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(response.body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  });
});
