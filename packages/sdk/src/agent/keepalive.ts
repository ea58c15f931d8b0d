/**
 * Keepalive of one conductor link, as DBOS TypeScript executors do it: a WebSocket ping every
 * `intervalMs`; if nothing arrives within `timeoutMs` of a ping (no pong, and no other frame:
 * any incoming frame counts as liveness), the link is presumed dead and terminated, which makes
 * the connection reconnect.
 *
 * Invariants: it runs on timers only, never waits on request handling, the database or user
 * code, so a busy app cannot delay a ping or a verdict. After `stop()` no timer is left and the
 * link is never touched again. `onTimeout` runs after the link was terminated, so a throwing
 * callback cannot keep a dead link open.
 */

/** The two things keepalive does to a link (a `ws` WebSocket has both). */
export interface KeepaliveLink {
  ping(): void;
  terminate(): void;
}

export interface KeepaliveTimings {
  /** Time between pings. */
  intervalMs: number;
  /** How long after a ping the link may stay silent before it is terminated. */
  timeoutMs: number;
}

export const DEFAULT_KEEPALIVE: KeepaliveTimings = { intervalMs: 20_000, timeoutMs: 15_000 };

export class Keepalive {
  private interval: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly link: KeepaliveLink,
    private readonly timings: KeepaliveTimings = DEFAULT_KEEPALIVE,
    private readonly onTimeout: () => void = () => undefined,
  ) {}

  /** Starts pinging (call when the link opens). */
  start(): void {
    if (this.stopped || this.interval !== undefined) return;
    this.interval = setInterval(() => this.ping(), this.timings.intervalMs);
  }

  /** Something arrived on the link (a pong, a ping or any frame): it is alive. */
  alive(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.interval);
    clearTimeout(this.deadline);
    this.interval = undefined;
    this.deadline = undefined;
  }

  private ping(): void {
    // A pending verdict keeps its original deadline: pings do not extend a silent link's life.
    this.deadline ??= setTimeout(() => this.expire(), this.timings.timeoutMs);
    try {
      this.link.ping();
    } catch {
      // Not open any more: the close handler takes over; the deadline still guarantees an end.
    }
  }

  private expire(): void {
    this.stop();
    this.link.terminate();
    try {
      this.onTimeout();
    } catch {
      // The verdict is final whatever the callback does.
    }
  }
}
