/**
 * Counts events per key over a sliding window (a log of the last `limit` times, so memory
 * per key is bounded). In-process only (a control plane alone): replicas count in Redis
 * (RedisAuthAttemptLimiter), by the same rules.
 */
export interface SlidingWindow {
  readonly limit: number;
  readonly windowMs: number;
}

export class SlidingWindowRateLimiter {
  /** Per key, the times of its most recent events, oldest first. */
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly window: SlidingWindow,
    private readonly now: () => number = Date.now,
    /** Keys kept at most; the least recently used go first (an attacker cycling keys costs us nothing). */
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until `key` may act again; 0 when it may act now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.window.limit) return 0;
    const oldestThatCounts = recent[recent.length - this.window.limit] ?? 0;
    return Math.max(1, oldestThatCounts + this.window.windowMs - this.now());
  }

  /** Counts one event for `key`. */
  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    if (recent.length > this.window.limit) recent.splice(0, recent.length - this.window.limit);
    this.events.delete(key); // re-insert: Map order is our least-recently-used order
    this.events.set(key, recent);
    if (this.events.size > this.maxKeys) {
      const oldest = this.events.keys().next().value;
      if (oldest !== undefined) this.events.delete(oldest);
    }
  }

  /** Forgets `key` (e.g. failures, after a success). */
  reset(key: string): void {
    this.events.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.window.windowMs;
    const times = (this.events.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.events.delete(key);
    return times;
  }
}
