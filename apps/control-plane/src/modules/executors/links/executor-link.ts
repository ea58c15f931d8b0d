import { randomUUID } from 'node:crypto';
import {
  decodeResponse,
  encodeRequest,
  isExecutorBusyError,
  UNKNOWN_MESSAGE_TYPE_ERROR,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { LogThrottle, suppressedField } from '../../../common/logging/log-throttle';
import type { CommandOutcome } from '../../../infra/metrics/podium-metrics';
import { ExecutorRequestError, type ExecutorRequestFailure } from './executor-request-error';

/**
 * One executor's WebSocket, seen from the control plane.
 * Invariants:
 * - only frames built by `encodeRequest` are sent (a DBOS TS executor dies on a bad one);
 * - a frame that does not decode is logged and dropped, never thrown;
 * - every request settles exactly once (answer, timeout or close), so nothing
 *   pending outlives the link;
 * - liveness: we ping every `pingIntervalMs`; a link that sent nothing (no pong,
 *   no frame) for two intervals is terminated.
 */
/** Per link and kind of trouble, a few warnings a minute (see LogThrottle). */
const LINK_LOGS = new LogThrottle();

/** The `ws` error code of a frame above `maxPayload`. */
const FRAME_TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

export interface LinkOptions {
  readonly requestTimeoutMs: number;
  readonly pingIntervalMs: number;
}

export interface LinkContext {
  readonly organizationId: string;
  readonly applicationId: string;
  readonly appName: string;
  readonly apiKeyId: string;
}

/** Told how each command sent on the link ended, and how long after it was sent (metrics). */
export type CommandObserver = (type: MessageType, outcome: CommandOutcome, seconds: number) => void;

interface Pending {
  readonly type: MessageType;
  /** The frame was handed to the socket (see ExecutorRequestError.delivered). */
  readonly delivered: boolean;
  readonly resolve: (response: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Close codes of a closing handshake the executor started, i.e. a deliberate shutdown (RFC 6455
 * §7.4.1): 1000 normal (our SDK), 1001 going away, 1005 a close frame with no code (DBOS's
 * `close()`). A crash or a cut network gives 1006 (no close frame) instead.
 */
const NORMAL_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005]);

export class ExecutorLink {
  readonly id = randomUUID();
  readonly openedAt = new Date();
  private readonly pending = new Map<string, Pending>();
  private readonly closeListeners: Array<() => void> = [];
  private lastHeard = Date.now();
  private keepalive?: NodeJS.Timeout;
  /** We asked the socket to close: nothing more is sent. */
  private closing = false;
  private closed = false;
  /**
   * The executor closed the link itself with a closing handshake (see NORMAL_CLOSE_CODES): it
   * shut down on purpose. Known once the link has closed.
   */
  private stoppedByPeer = false;
  /** The peer sent a frame over the limit: ws closes the link with 1009. */
  private frameTooLarge = false;

  constructor(
    private readonly socket: WebSocket,
    readonly context: LinkContext,
    private readonly options: LinkOptions,
    private readonly logger: Logger,
    private readonly observe: CommandObserver = () => {},
  ) {
    socket.on('message', (data: RawData, isBinary: boolean) => this.onFrame(data, isBinary));
    socket.on('pong', () => this.heard());
    socket.on('ping', () => this.heard());
    socket.on('close', (code: number) => {
      this.stoppedByPeer = !this.closing && NORMAL_CLOSE_CODES.has(code);
      this.onClosed();
    });
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === FRAME_TOO_LARGE) this.frameTooLarge = true;
      const admitted = LINK_LOGS.admit(`${this.id}/error`);
      if (admitted) {
        this.logger.warn(
          { linkId: this.id, err: error.message, ...suppressedField(admitted) },
          'executor link error',
        );
      }
    });
    this.keepalive = setInterval(() => this.checkLiveness(), options.pingIntervalMs);
  }

  /** True once closed, when the executor closed the link itself, normally (it stopped). */
  get stopped(): boolean {
    return this.closed && this.stoppedByPeer;
  }

  /** False once the socket closed or we started closing it. */
  get isOpen(): boolean {
    return !this.closed && !this.closing;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Sends a request and resolves with the executor's response (which may carry error_message).
   * Rejects with ExecutorRequestError, whose `delivered` says whether the frame was handed to
   * the socket: not when the link is closed or closing, nor when the socket is (the peer hung
   * up and we have not seen `close` yet: ws then fails the send before writing anything).
   */
  request<K extends MessageType>(
    type: K,
    fields?: RequestFieldsOf<K>,
    timeoutMs = this.options.requestTimeoutMs,
  ): Promise<ResponseOf<K>> {
    if (!this.isOpen) {
      return Promise.reject(
        new ExecutorRequestError('EXECUTOR_DISCONNECTED', 'the executor link is closed', false),
      );
    }
    const encode = encodeRequest as (
      t: K,
      f?: RequestFieldsOf<K>,
    ) => { requestId: string; frame: string };
    const { requestId, frame } = encode(type, fields);
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(requestId, 'EXECUTOR_NO_ANSWER', `no answer to ${type} within ${timeoutMs} ms`),
        timeoutMs,
      );
      // ws writes a frame to the TCP socket at once when the socket is OPEN (compression, which
      // we do not use, could queue it); in any other state it writes nothing and fails the
      // callback. An error after an OPEN send may follow a partial write: still "delivered".
      const delivered = this.socket.readyState === this.socket.OPEN;
      const sentAt = performance.now();
      const seconds = () => (performance.now() - sentAt) / 1000;
      this.pending.set(requestId, {
        type,
        delivered,
        resolve: (response) => {
          this.observe(type, answeredOutcome(response), seconds());
          resolve(response as ResponseOf<K>);
        },
        reject: (error) => {
          this.observe(type, failedOutcome(error), seconds());
          reject(error);
        },
        timer,
      });
      this.socket.send(frame, (error) => {
        if (error) this.fail(requestId, 'EXECUTOR_DISCONNECTED', error.message);
      });
    });
  }

  /** Closes the link; executors reconnect on their own (close codes mean nothing to them). */
  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.closing = true;
    this.socket.close(code, reason);
    // A peer that never completes the closing handshake is cut off.
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  private onFrame(data: RawData, isBinary: boolean) {
    this.heard();
    const frame = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    const decoded = decodeResponse(isBinary ? frame : frame.toString('utf8'));
    if (decoded.ok) {
      const requestId = decoded.message.request_id;
      const entry = requestId ? this.settle(requestId) : undefined;
      if (!entry)
        return this.drop('unsolicited or late response', { requestId, type: decoded.message.type });
      if (entry.type !== decoded.message.type) {
        return entry.reject(
          new ExecutorRequestError(
            'EXECUTOR_INVALID_RESPONSE',
            `expected ${entry.type}, got ${decoded.message.type}`,
            entry.delivered,
          ),
        );
      }
      return entry.resolve(decoded.message);
    }
    // A response we can correlate but not read fails its request now, not at the timeout.
    const entry = decoded.requestId ? this.settle(decoded.requestId) : undefined;
    const issues = decoded.issues?.slice(0, 5);
    const [first] = issues ?? [];
    entry?.reject(
      new ExecutorRequestError(
        'EXECUTOR_INVALID_RESPONSE',
        `invalid ${entry.type} response (${decoded.reason}` +
          `${first ? `: ${first.path || '(root)'}: ${first.message}` : ''})`,
        entry.delivered,
      ),
    );
    this.drop('undecodable frame', {
      reason: decoded.reason,
      type: decoded.type,
      bytes: frame.length,
      issues,
    });
  }

  /** Fails a pending request (if still pending), saying whether its frame was delivered. */
  private fail(requestId: string, code: ExecutorRequestFailure, message: string) {
    const entry = this.settle(requestId);
    entry?.reject(new ExecutorRequestError(code, message, entry.delivered));
  }

  private settle(requestId: string): Pending | undefined {
    const entry = this.pending.get(requestId);
    if (!entry) return undefined;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    return entry;
  }

  private drop(why: string, details: Record<string, unknown>) {
    // A peer sending junk in a loop must not write a line per frame.
    const admitted = LINK_LOGS.admit(`${this.id}/${why}`);
    if (!admitted) return;
    this.logger.warn(
      { linkId: this.id, appName: this.context.appName, ...details, ...suppressedField(admitted) },
      `dropped ${why}`,
    );
  }

  private heard() {
    this.lastHeard = Date.now();
  }

  private checkLiveness() {
    if (Date.now() - this.lastHeard > 2 * this.options.pingIntervalMs) {
      this.logger.warn(
        { linkId: this.id, appName: this.context.appName },
        'executor link silent: terminating',
      );
      this.socket.terminate();
      return;
    }
    this.socket.ping();
  }

  private onClosed() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    for (const requestId of [...this.pending.keys()]) {
      if (this.frameTooLarge) {
        this.fail(requestId, 'EXECUTOR_ANSWER_TOO_LARGE', 'an answer exceeded the frame limit');
      } else {
        this.fail(requestId, 'EXECUTOR_DISCONNECTED', 'the executor disconnected');
      }
    }
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

function answeredOutcome(response: unknown): CommandOutcome {
  const message = (response as { error_message?: string | null }).error_message;
  if (!message) return 'answered';
  if (message === UNKNOWN_MESSAGE_TYPE_ERROR) return 'unsupported';
  return isExecutorBusyError(message) ? 'busy' : 'error';
}

const FAILURE_OUTCOMES: Record<ExecutorRequestFailure, CommandOutcome> = {
  EXECUTOR_DISCONNECTED: 'disconnected',
  EXECUTOR_NO_ANSWER: 'no_answer',
  EXECUTOR_INVALID_RESPONSE: 'invalid_response',
  EXECUTOR_ANSWER_TOO_LARGE: 'answer_too_large',
};

function failedOutcome(error: Error): CommandOutcome {
  return error instanceof ExecutorRequestError ? FAILURE_OUTCOMES[error.code] : 'disconnected';
}
