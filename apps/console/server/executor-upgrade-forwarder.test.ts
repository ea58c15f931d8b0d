import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createExecutorUpgradeForwarder } from './executor-upgrade-forwarder.mjs';
import { compileTrust } from './forwarded-for.mjs';

const KEY = 'pdm_0123abcd_secretsecretsecretsecretsecretsecretsecr';
const EXECUTOR_PATH = `/conductor/v1alpha1/websocket/shop/${KEY}`;

const urlOf = (server: http.Server, scheme: 'http' | 'ws') =>
  `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function listening(server: http.Server): Promise<http.Server> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * A stand-in control plane: a real ws server that echoes text frames, refuses `/refused`
 * paths before the upgrade (as the control plane does), and records what it was sent.
 */
async function startUpstream() {
  const wss = new WebSocketServer({ noServer: true });
  const accepted: { ws: WebSocket; req: http.IncomingMessage }[] = [];
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.endsWith('/refused')) {
      const body = '{"status":401,"code":"UNAUTHENTICATED"}';
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/problem+json\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        if (!isBinary) ws.send(`echo:${(data as Buffer).toString()}`);
      });
      accepted.push({ ws, req });
      wss.emit('accepted');
    });
  });
  servers.push(await listening(server));
  const nextAccepted = async () => {
    if (accepted.length === 0) await once(wss, 'accepted');
    return accepted.shift()!;
  };
  return { url: urlOf(server, 'http'), server, nextAccepted };
}

/** The console's side: a plain HTTP server with only the forwarder on `upgrade`. */
async function startConsole(controlPlaneUrl: string, trust = 'loopback') {
  const errors: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const forwarder = createExecutorUpgradeForwarder({
    controlPlaneUrl,
    trust: compileTrust(trust),
    onError: (message, detail) => errors.push(`${message} ${JSON.stringify(detail)}`),
  });
  server.on('upgrade', forwarder.handleUpgrade);
  servers.push(await listening(server));
  return { url: urlOf(server, 'ws'), server, errors, closeAll: forwarder.closeAll };
}

/** Opens a WebSocket, or resolves with the HTTP answer that refused it. */
function dial(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  return new Promise<{ ws: WebSocket } | { status: number; body: string }>((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

async function opened(url: string, headers?: Record<string, string>): Promise<WebSocket> {
  const result = await dial(url, headers);
  if (!('ws' in result)) throw new Error(`refused: ${result.status} ${result.body}`);
  return result.ws;
}

const nextMessage = async (ws: WebSocket) => {
  const [data] = (await once(ws, 'message')) as [Buffer];
  return data.toString();
};

describe('createExecutorUpgradeForwarder', () => {
  it('carries frames both ways between an executor and the control plane', async () => {
    const upstream = await startUpstream();
    const consoleServer = await startConsole(upstream.url);
    const executor = await opened(`${consoleServer.url}${EXECUTOR_PATH}`);
    const { ws: controlPlane, req } = await upstream.nextAccepted();
    expect(req.url).toBe(EXECUTOR_PATH);

    executor.send('executor_info?');
    await expect(nextMessage(executor)).resolves.toBe('echo:executor_info?');
    controlPlane.send('{"type":"list_workflows"}');
    await expect(nextMessage(executor)).resolves.toBe('{"type":"list_workflows"}');
    executor.close();
  });

  it('passes the vouched-for client address on, never the one a client made up', async () => {
    const upstream = await startUpstream();
    const behindTrustedProxy = await startConsole(upstream.url, 'loopback');
    const claim = { 'x-forwarded-for': '198.51.100.7' };
    const first = await opened(`${behindTrustedProxy.url}${EXECUTOR_PATH}`, claim);
    expect((await upstream.nextAccepted()).req.headers['x-forwarded-for']).toBe('198.51.100.7');

    const trustingNobody = await startConsole(upstream.url, 'false');
    const second = await opened(`${trustingNobody.url}${EXECUTOR_PATH}`, claim);
    expect((await upstream.nextAccepted()).req.headers['x-forwarded-for']).toBe('127.0.0.1');
    first.close();
    second.close();
  });

  it('closes the control plane side when the executor closes, with its code', async () => {
    const upstream = await startUpstream();
    const consoleServer = await startConsole(upstream.url);
    const executor = await opened(`${consoleServer.url}${EXECUTOR_PATH}`);
    const { ws: controlPlane } = await upstream.nextAccepted();
    const closedUpstream = once(controlPlane, 'close');
    executor.close(4001, 'shutting down');
    const [code, reason] = (await closedUpstream) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([4001, 'shutting down']);
  });

  it('closes the control plane side when the executor vanishes (connection reset)', async () => {
    const upstream = await startUpstream();
    const consoleServer = await startConsole(upstream.url);
    const socket = net.connect(Number(new URL(consoleServer.url).port), '127.0.0.1');
    socket.write(
      `GET ${EXECUTOR_PATH} HTTP/1.1\r\nHost: console\r\nConnection: Upgrade\r\n` +
        'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    const [answer] = (await once(socket, 'data')) as [Buffer];
    expect(answer.toString()).toMatch(/^HTTP\/1\.1 101 /);
    const { ws: controlPlane } = await upstream.nextAccepted();
    const closedUpstream = once(controlPlane, 'close');
    socket.resetAndDestroy();
    const [code] = (await closedUpstream) as [number];
    expect(code).toBe(1006);
  });

  it('closes the executor side when the control plane closes, resets or drops the link', async () => {
    const upstream = await startUpstream();
    const consoleServer = await startConsole(upstream.url);
    const executor = await opened(`${consoleServer.url}${EXECUTOR_PATH}`);
    const closedExecutor = once(executor, 'close');
    (await upstream.nextAccepted()).ws.close(1008, 'key revoked');
    const [code, reason] = (await closedExecutor) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([1008, 'key revoked']);

    const another = await opened(`${consoleServer.url}${EXECUTOR_PATH}`);
    const dropped = once(another, 'close');
    (await upstream.nextAccepted()).ws.terminate();
    await dropped;

    const third = await opened(`${consoleServer.url}${EXECUTOR_PATH}`);
    const reset = once(third, 'close');
    (await upstream.nextAccepted()).req.socket.resetAndDestroy();
    const [resetCode] = (await reset) as [number];
    expect(resetCode).toBe(1006);
  });

  it('cuts every link at shutdown, so the server can close', async () => {
    const upstream = await startUpstream();
    const consoleServer = await startConsole(upstream.url);
    const executor = await opened(`${consoleServer.url}${EXECUTOR_PATH}`);
    const { ws: controlPlane } = await upstream.nextAccepted();
    const closed = Promise.all([once(executor, 'close'), once(controlPlane, 'close')]);
    const serverClosed = new Promise((resolve) => consoleServer.server.close(resolve));
    consoleServer.closeAll();
    await Promise.all([closed, serverClosed]);
  });

  it('passes a refusal before the upgrade through as it was', async () => {
    const upstream = await startUpstream();
    const consoleServer = await startConsole(upstream.url);
    await expect(
      dial(`${consoleServer.url}/conductor/v1alpha1/websocket/shop/refused`),
    ).resolves.toEqual({ status: 401, body: '{"status":401,"code":"UNAUTHENTICATED"}' });
  });

  it('refuses upgrades to any other path without asking the control plane', async () => {
    const upstream = await startUpstream();
    let upstreamConnections = 0;
    upstream.server.on('connection', () => upstreamConnections++);
    const consoleServer = await startConsole(upstream.url);
    await expect(dial(`${consoleServer.url}/_next/webpack-hmr`)).resolves.toMatchObject({
      status: 404,
    });
    await expect(dial(`${consoleServer.url}/websocket/shop/${KEY}`)).resolves.toMatchObject({
      status: 404,
    });
    expect(upstreamConnections).toBe(0);
  });

  it('answers 502 when the control plane is down, and never logs the URL', async () => {
    const gone = await listening(http.createServer());
    const deadUrl = urlOf(gone, 'http');
    await new Promise((resolve) => gone.close(resolve));
    const consoleServer = await startConsole(deadUrl);
    const result = await dial(`${consoleServer.url}${EXECUTOR_PATH}`);
    expect(result).toMatchObject({ status: 502 });
    if ('body' in result)
      expect(JSON.parse(result.body)).toMatchObject({ code: 'CONTROL_PLANE_UNREACHABLE' });
    expect(consoleServer.errors).toHaveLength(1);
    expect(consoleServer.errors.join('')).not.toContain(KEY);
  });
});
