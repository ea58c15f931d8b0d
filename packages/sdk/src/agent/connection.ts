/**
 * The conductor link: one outbound WebSocket to the control plane, dialled at start and
 * re-dialled after every close, error, refusal or keepalive timeout, with capped, jittered
 * exponential backoff (see reconnect-backoff.ts) until `stop()`.
 *
 * Invariants:
 * - At most one socket at a time; the next dial is scheduled only by the current socket's
 *   'close', so failures can never multiply connections.
 * - Never throws into the host app: every `ws` event has a handler, and failures become log
 *   lines and retries. A refused upgrade (HTTP status and body) or a dial error is logged at
 *   warn once per distinct cause, repeats at debug; a healthy session (the control plane got
 *   our `executor_info`) resets both the backoff and that memory.
 * - Replies go only to the socket the request arrived on, and only while it is open: nothing
 *   is answered across a reconnect.
 * - The key is in the URL given to `ws` and nowhere else; logs show the redacted URL.
 * - After `stop()`: no timer, no socket, no reconnect.
 */
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { Logger } from '../logger';
import {
  DEFAULT_RECONNECT_BACKOFF,
  ReconnectBackoff,
  type ReconnectBackoffPolicy,
} from './reconnect-backoff';
import { DEFAULT_KEEPALIVE, Keepalive, type KeepaliveTimings } from './keepalive';
import { redactKey } from './settings';

export interface ConnectionTimings {
  /** Opening handshake timeout (DBOS TS: 5 s). */
  handshakeTimeoutMs: number;
  /** How long `stop()` waits for the close handshake before dropping the socket. */
  closeTimeoutMs: number;
  keepalive: KeepaliveTimings;
  backoff: ReconnectBackoffPolicy;
}

export const DEFAULT_CONNECTION_TIMINGS: ConnectionTimings = {
  handshakeTimeoutMs: 5_000,
  closeTimeoutMs: 2_000,
  keepalive: DEFAULT_KEEPALIVE,
  backoff: DEFAULT_RECONNECT_BACKOFF,
};

/** The socket a request came from, for its answer. */
export interface Reply {
  /** Sends a text frame; false if the socket is gone. */
  send(text: string): boolean;
  /** False once that socket is closing or closed (a new one may be open by then). */
  isOpen(): boolean;
}
export type FrameHandler = (frame: string, reply: Reply) => void;

/** What one dial attempt learned, for the log line written when it closes. */
interface Attempt {
  opened: boolean;
  failure?: string;
  status?: number;
  body?: string;
}

const MAX_BODY_CHARS = 2_048;

export class ConductorConnection {
  private socket: WebSocket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private healthy = false;
  private lastFailure: string | undefined;
  private readonly backoff: ReconnectBackoff;

  constructor(
    private readonly target: { url: string; redactedUrl: string },
    private readonly onFrame: FrameHandler,
    private readonly logger: Logger,
    private readonly timings: ConnectionTimings = DEFAULT_CONNECTION_TIMINGS,
  ) {
    this.backoff = new ReconnectBackoff(timings.backoff);
  }

  start(): void {
    if (!this.stopped && this.socket === undefined && this.retryTimer === undefined) this.dial();
  }

  /** The control plane knows who we are on the current socket: reset backoff and failures. */
  markHealthy(): void {
    this.backoff.reset();
    this.lastFailure = undefined;
    if (this.healthy) return;
    this.healthy = true;
    this.logger.info({ url: this.target.redactedUrl }, 'connected to the conductor');
  }

  /** Closes the link (close code 1000) and stops reconnecting. Resolves once it is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    if (socket === undefined || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, this.timings.closeTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'executor shutting down');
      else socket.terminate();
    });
  }

  private dial(): void {
    this.retryTimer = undefined;
    if (this.stopped) return;
    const attempt: Attempt = { opened: false };
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.target.url, {
        handshakeTimeout: this.timings.handshakeTimeoutMs,
      });
    } catch (error) {
      attempt.failure = describe(error);
      this.retry(attempt, 1006, '');
      return;
    }
    this.socket = socket;
    this.healthy = false;
    this.logger.debug({ url: this.target.redactedUrl }, 'dialling the conductor');
    const keepalive = new Keepalive(socket, this.timings.keepalive, () => {
      attempt.failure = `no pong within ${this.timings.keepalive.timeoutMs} ms of a ping`;
    });

    socket.on('open', () => {
      attempt.opened = true;
      keepalive.start();
    });
    socket.on('message', (data) => {
      keepalive.alive();
      this.onFrame(frameText(data), {
        send: (text) => this.reply(socket, text),
        isOpen: () => this.isCurrent(socket),
      });
    });
    socket.on('ping', () => keepalive.alive());
    socket.on('pong', () => keepalive.alive());
    socket.on('unexpected-response', (_request, response) => {
      attempt.status = response.statusCode;
      attempt.failure = `HTTP ${response.statusCode ?? '?'}`;
      void readBody(response).then((body) => {
        attempt.body = redactKey(body, this.target);
        socket.terminate();
      });
    });
    socket.on('error', (error) => {
      attempt.failure ??= describe(error);
    });
    socket.on('close', (code, reason) => {
      keepalive.stop();
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.retry(attempt, code, reason.toString());
    });
  }

  private retry(attempt: Attempt, code: number, reason: string): void {
    const wasHealthy = this.healthy;
    this.healthy = false;
    if (this.stopped) return;
    const retryInMs = this.backoff.next();
    const url = this.target.redactedUrl;
    const failure = attempt.failure ?? `closed (${code}${reason ? ` ${reason}` : ''})`;
    if (wasHealthy) {
      this.logger.warn({ url, err: failure, retryInMs }, 'conductor link lost; reconnecting');
    } else {
      const cause = attempt.body === undefined ? failure : `${failure} ${attempt.body}`;
      const fields = { url, status: attempt.status, body: attempt.body, err: failure, retryInMs };
      if (cause !== this.lastFailure) {
        this.lastFailure = cause;
        this.logger.warn(fields, 'cannot connect to the conductor; retrying with backoff');
      } else {
        this.logger.debug(fields, 'still cannot connect to the conductor');
      }
    }
    this.retryTimer = setTimeout(() => this.dial(), retryInMs);
  }

  private isCurrent(socket: WebSocket): boolean {
    return this.socket === socket && socket.readyState === WebSocket.OPEN;
  }

  private reply(socket: WebSocket, text: string): boolean {
    if (!this.isCurrent(socket)) return false;
    try {
      socket.send(text, (error) => {
        if (error) this.logger.debug({ err: error.message }, 'conductor reply not sent');
      });
      return true;
    } catch (error) {
      this.logger.debug({ err: describe(error) }, 'conductor reply not sent');
      return false;
    }
  }
}

/** Frames as text. Binary frames are not in the protocol; read as UTF-8, like DBOS TS does. */
function frameText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

/** The start of a refusal's body (the control plane sends problem details). Never rejects. */
function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    const done = (): void => {
      clearTimeout(timer);
      resolve(body.slice(0, MAX_BODY_CHARS).trim());
    };
    const timer = setTimeout(() => {
      response.destroy();
      done();
    }, 1_000);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      body += chunk;
      if (body.length >= MAX_BODY_CHARS) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
