// @ts-check
// Lets executors dial the console's public origin, so the control plane need not be public:
// WebSocket upgrade requests under the executor path are forwarded to the control plane as
// raw bytes (the request head, then both sockets piped), so the handshake, a refusal (401,
// 403, 404 with a problem body) and every frame pass through untouched, and a close on either
// side closes the other. The only change is X-Forwarded-For: the one client address the
// console vouches for (see forwarded-for.mjs). The URL is never logged: the API key is its
// last segment.
import net from 'node:net';
import tls from 'node:tls';
import { AppError, DEFAULT_EXECUTOR_BASE_PATH } from '@podium/protocol/rest';
import { vouchForClient } from './forwarded-for.mjs';

/** How long the control plane may take to accept the TCP (or TLS) connection. */
const CONNECT_TIMEOUT_MS = 10_000;

const UNREACHABLE_BODY = JSON.stringify(new AppError('CONTROL_PLANE_UNREACHABLE').toProblem());

/**
 * @typedef {object} ForwarderOptions
 * @property {string} controlPlaneUrl  `http(s)://host:port` of the control plane.
 * @property {string} [executorBasePath]  Upgrades to `<base>/websocket/...` are forwarded.
 * @property {(address: string, hop: number) => boolean} trust  Whose X-Forwarded-For is believed.
 * @property {(message: string, detail: Record<string, unknown>) => void} [onError]  Never given a URL.
 */

/**
 * @typedef {object} ExecutorUpgradeForwarder
 * @property {(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} handleUpgrade
 *   The server's `upgrade` listener: forwards executor upgrades, refuses every other one (404).
 * @property {() => void} closeAll  Cuts every forwarded link (at shutdown: `server.close()`
 *   waits for upgraded sockets too, and executor links never end on their own).
 */

/**
 * @param {ForwarderOptions} options
 * @returns {ExecutorUpgradeForwarder}
 */
export function createExecutorUpgradeForwarder({
  controlPlaneUrl,
  executorBasePath = DEFAULT_EXECUTOR_BASE_PATH,
  trust,
  onError = () => {},
}) {
  const target = new URL(controlPlaneUrl);
  const secure = target.protocol === 'https:';
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals lose their brackets
  const port = Number(target.port) || (secure ? 443 : 80);
  const prefix = `${executorBasePath.replace(/\/+$/, '')}/websocket/`;
  /** @type {Set<import('node:stream').Duplex>} */
  const links = new Set();

  /** @type {ExecutorUpgradeForwarder['handleUpgrade']} */
  const handleUpgrade = (req, client, head) => {
    client.on('error', () => client.destroy());
    if (!(req.url ?? '').startsWith(prefix)) {
      client.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    vouchForClient(req, trust);
    const upstream = secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host })
      : net.connect({ host, port });
    let answered = false;
    upstream.setTimeout(CONNECT_TIMEOUT_MS, () => upstream.destroy(new Error('connect timeout')));
    upstream.once(secure ? 'secureConnect' : 'connect', () => upstream.setTimeout(0));
    upstream.once('data', () => (answered = true));
    upstream.on('error', (error) => {
      onError('executor link forwarding failed', { code: errorCode(error), answered });
      if (!answered) refuseUnreachable(client);
    });
    // An orderly end travels through the pipe (after the data before it); a side that went
    // away without one (reset, error) takes the other with it.
    upstream.on('close', () => client.writableEnded || client.destroy());
    client.on('close', () => upstream.writableEnded || upstream.destroy());
    links.add(client);
    client.once('close', () => links.delete(client));

    upstream.setNoDelay(true);
    upstream.write(requestHead(req));
    if (head.length > 0) upstream.write(head);
    client.pipe(upstream).pipe(client);
  };

  const closeAll = () => {
    for (const client of links) client.destroy();
  };
  return { handleUpgrade, closeAll };
}

/**
 * The upgrade request as it arrived (method, path, every header in order and case), except
 * X-Forwarded-For, which is the vouched-for address. Node's parser has already refused any
 * header value with CR or LF, so nothing here can split the head.
 * @param {import('node:http').IncomingMessage} req
 */
function requestHead(req) {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === 'x-forwarded-for') continue;
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  const forwardedFor = req.headers['x-forwarded-for'];
  if (typeof forwardedFor === 'string') lines.push(`X-Forwarded-For: ${forwardedFor}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** @param {import('node:stream').Duplex} client */
function refuseUnreachable(client) {
  if (client.destroyed) return;
  client.end(
    'HTTP/1.1 502 Bad Gateway\r\n' +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(UNREACHABLE_BODY)}\r\n` +
      'Connection: close\r\n\r\n' +
      UNREACHABLE_BODY,
  );
}

/** @param {unknown} error */
function errorCode(error) {
  return error instanceof Error && 'code' in error ? error.code : String(error);
}
