/** Retry delays for steps: exponential backoff, capped. Pure so it can be unit-tested. */

export interface StepRetryDelayPolicy {
  initialDelayMs: number;
  backoffFactor: number;
  maxDelayMs: number;
}

/** Delay before retry number `retry` (1 for the first retry). */
export function stepRetryDelayMs(policy: StepRetryDelayPolicy, retry: number): number {
  const delay = policy.initialDelayMs * policy.backoffFactor ** Math.max(0, retry - 1);
  return Math.min(policy.maxDelayMs, Math.round(delay));
}
