/**
 * Reconnect delays of the conductor agent: capped exponential backoff with multiplicative
 * jitter (the policy of DBOS's Go SDK), so a fleet of executors does not hammer a control plane
 * that is down or refusing them, and does not reconnect in lockstep after an outage.
 *
 * Invariants: the n-th delay since the last `reset()` is
 * `min(maxDelayMs, initialDelayMs × factor^(n-1) × jitter)` with jitter drawn uniformly from
 * [jitterMin, jitterMax); delays never exceed `maxDelayMs` and never fall below
 * `initialDelayMs × jitterMin`. Pure apart from the injected random source.
 */

export interface ReconnectBackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  jitterMin: number;
  jitterMax: number;
}

/** 1 s, 2 s, 4 s, ... up to 30 s, each × 0.5–1.5. */
export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoffPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  factor: 2,
  jitterMin: 0.5,
  jitterMax: 1.5,
};

export class ReconnectBackoff {
  private attempts = 0;

  constructor(
    private readonly policy: ReconnectBackoffPolicy = DEFAULT_RECONNECT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call without a `reset()` grows it. */
  next(): number {
    const { initialDelayMs, maxDelayMs, factor, jitterMin, jitterMax } = this.policy;
    // The exponent stops growing once the cap is reached, so it can never overflow.
    const base = Math.min(maxDelayMs, initialDelayMs * factor ** this.attempts);
    if (base < maxDelayMs) this.attempts += 1;
    const jitter = jitterMin + this.random() * (jitterMax - jitterMin);
    return Math.round(Math.min(maxDelayMs, base * jitter));
  }

  /** Back to the initial delay (after a healthy session). */
  reset(): void {
    this.attempts = 0;
  }
}
