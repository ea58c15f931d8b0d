/**
 * A stand-in control plane for the agent's integration tests: a real `ws` server on a loopback
 * port that speaks the conductor side of the protocol with `@podium/protocol` itself
 * (`encodeRequest` out, `decodeResponse` in), and can refuse upgrades like the real one.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  decodeResponse,
  encodeRequest,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import { type WebSocket, WebSocketServer } from 'ws';

export const BASE_PATH = '/conductor/v1alpha1';

export interface Refusal {
  status: number;
  body: string;
}

export interface FakeConductorOptions {
  /** Listen on this port (e.g. one an agent already dials). @default an ephemeral port */
  port?: number;
  /** Answers an upgrade with this refusal instead of accepting it. */
  refuse?: (request: IncomingMessage) => Refusal | undefined;
  /** Answer the executor's pings. @default true */
  autoPong?: boolean;
}

export class ConductorLink {
  readonly frames: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Map<string, (frame: string) => void>();

  constructor(
    readonly socket: WebSocket,
    readonly path: string,
  ) {
    socket.on('message', (data) => {
      const frame = (data as Buffer).toString('utf8');
      this.frames.push(frame);
      const id = requestIdOf(frame);
      const waiter = id === undefined ? undefined : this.waiters.get(id);
      if (id !== undefined && waiter !== undefined) {
        this.waiters.delete(id);
        waiter(frame);
      }
    });
    this.closed = once(socket, 'close').then(([code, reason]) => ({
      code: code as number,
      reason: String(reason),
    }));
  }

  /** Sends a request built by `encodeRequest` and decodes its answer against the catalog. */
  async request<K extends MessageType>(
    type: K,
    fields?: RequestFieldsOf<K>,
    timeoutMs = 30_000,
  ): Promise<ResponseOf<K>> {
    // encodeRequest's rest-tuple parameter cannot be called with a generic K's fields as is.
    const encoded = (
      encodeRequest as (t: K, f?: RequestFieldsOf<K>) => { requestId: string; frame: string }
    )(type, fields);
    const frame = await this.send(encoded.frame, encoded.requestId, timeoutMs);
    const decoded = decodeResponse(frame, type);
    if (!decoded.ok) throw new Error(`invalid ${type} response: ${JSON.stringify(decoded)}`);
    return decoded.message;
  }

  /** Sends any text and waits for the frame answering `requestId`. */
  send(text: string, requestId: string, timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(requestId);
        reject(new Error(`no answer to ${requestId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(requestId, (frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
      this.socket.send(text);
    });
  }
}

export class FakeConductor {
  readonly links: ConductorLink[] = [];
  readonly refusals: Refusal[] = [];
  private readonly wss: WebSocketServer;
  private readonly linkWaiters: ((link: ConductorLink) => void)[] = [];
  private readonly untaken: ConductorLink[] = [];

  private constructor(
    private readonly server: Server,
    options: FakeConductorOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      const refusal = options.refuse?.(request);
      if (refusal !== undefined) {
        this.refusals.push(refusal);
        socket.end(
          `HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: application/problem+json\r\n` +
            `Content-Length: ${Buffer.byteLength(refusal.body)}\r\nConnection: close\r\n\r\n${refusal.body}`,
        );
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        const link = new ConductorLink(ws, request.url ?? '');
        this.links.push(link);
        const waiter = this.linkWaiters.shift();
        if (waiter === undefined) this.untaken.push(link);
        else waiter(link);
      });
    });
  }

  static async start(options: FakeConductorOptions = {}): Promise<FakeConductor> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    server.listen(options.port ?? 0, '127.0.0.1');
    await once(server, 'listening');
    return new FakeConductor(server, options);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The base URL executors are configured with. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}${BASE_PATH}`;
  }

  /** The oldest accepted link not yet taken, or the next one to be accepted. */
  nextLink(timeoutMs = 30_000): Promise<ConductorLink> {
    const ready = this.untaken.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no executor connected')), timeoutMs);
      this.linkWaiters.push((link) => {
        clearTimeout(timer);
        resolve(link);
      });
    });
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function requestIdOf(frame: string): string | undefined {
  try {
    const id = (JSON.parse(frame) as { request_id?: unknown }).request_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
