import { AppError } from '@podium/protocol';
import { ProgressiveDelay, type ProgressiveDelayPolicy } from './progressive-delay';
import { SlidingWindowRateLimiter, type SlidingWindow } from './sliding-window-rate-limiter';

const MINUTE = 60_000;

export interface AuthRateLimits {
  /** Sign-in and sign-up attempts per client address, whatever the account. */
  readonly perAddress: SlidingWindow;
  /** Failed sign-ins per (account, client address). */
  readonly perAccountAndAddress: ProgressiveDelayPolicy;
}

export const DEFAULT_AUTH_RATE_LIMITS: AuthRateLimits = {
  perAddress: { limit: 30, windowMs: 15 * MINUTE },
  // 5 free failures, then 30 s, 1 min, 2 min … up to 15 min between guesses.
  perAccountAndAddress: {
    freeFailures: 5,
    baseDelayMs: 30_000,
    maxDelayMs: 15 * MINUTE,
    forgetAfterMs: 24 * 60 * MINUTE,
  },
};

/**
 * Slows password guessing and mass sign-ups. Every limit is keyed by the client address, so
 * nobody can lock an account's owner out from elsewhere: failures against an account delay
 * only the address they came from. Checked before any password work (a refused attempt costs
 * no scrypt). A sign-in counts as failed up front and is forgiven on success, so concurrent
 * guesses cannot overshoot.
 */
export class AuthAttemptLimiter {
  private readonly perAddress: SlidingWindowRateLimiter;
  private readonly perAccountAndAddress: ProgressiveDelay;

  constructor(limits: AuthRateLimits = DEFAULT_AUTH_RATE_LIMITS, now: () => number = Date.now) {
    this.perAddress = new SlidingWindowRateLimiter(limits.perAddress, now);
    this.perAccountAndAddress = new ProgressiveDelay(limits.perAccountAndAddress, now);
  }

  /** Throws RATE_LIMITED (with Retry-After) or counts the attempt, as a failure until it succeeds. */
  beginSignIn(ip: string, account: string): void {
    const key = accountAtAddress(account, ip);
    assertNoWait(
      Math.max(this.perAddress.retryAfterMs(ip), this.perAccountAndAddress.retryAfterMs(key)),
    );
    this.perAddress.record(ip);
    this.perAccountAndAddress.recordFailure(key);
  }

  /** A correct password: the failures against this account from this address are forgiven. */
  signInSucceeded(ip: string, account: string): void {
    this.perAccountAndAddress.reset(accountAtAddress(account, ip));
  }

  /** Throws RATE_LIMITED (with Retry-After) or counts the attempt. */
  beginSignUp(ip: string): void {
    assertNoWait(this.perAddress.retryAfterMs(ip));
    this.perAddress.record(ip);
  }
}

function accountAtAddress(account: string, ip: string): string {
  return `${account}\n${ip}`;
}

function assertNoWait(waitMs: number): void {
  if (waitMs <= 0) return;
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  throw new AppError(
    'RATE_LIMITED',
    `Too many attempts; try again in ${retryAfterSeconds} seconds.`,
    { retryAfterSeconds },
  );
}
