/**
 * Failures per key with a growing wait: the first few are free, then each further failure
 * doubles the wait before the next attempt (up to a cap). Memory is bounded: keys quiet for
 * `forgetAfterMs` are dropped, and past `maxKeys` the least recently failing go first.
 * In-process only, like SlidingWindowRateLimiter.
 */
export interface ProgressiveDelayPolicy {
  /** Failures that cost no wait. */
  readonly freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further one. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A key with no failure for this long starts over. */
  readonly forgetAfterMs: number;
}

interface Failures {
  count: number;
  lastAt: number;
}

export class ProgressiveDelay {
  /** Map order is least recently failing first. */
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly policy: ProgressiveDelayPolicy,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + this.delayAfter(entry.count) - this.now());
  }

  recordFailure(key: string): void {
    const count = (this.current(key)?.count ?? 0) + 1;
    this.failures.delete(key);
    this.failures.set(key, { count, lastAt: this.now() });
    if (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  /** Forgets `key`'s failures (a success). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private delayAfter(count: number): number {
    const { freeFailures, baseDelayMs, maxDelayMs } = this.policy;
    if (count < freeFailures) return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** (count - freeFailures));
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.lastAt >= this.policy.forgetAfterMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
