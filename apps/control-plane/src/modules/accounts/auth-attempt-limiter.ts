import { AppError } from '@podium/protocol';
import { SlidingWindowRateLimiter, type SlidingWindow } from './sliding-window-rate-limiter';

const FIFTEEN_MINUTES = 15 * 60_000;

export interface AuthRateLimits {
  /** Sign-in failures per account; registrations per email address. */
  readonly perAccount: SlidingWindow;
  /** Sign-in and registration attempts per client address. */
  readonly perIp: SlidingWindow;
}

export const DEFAULT_AUTH_RATE_LIMITS: AuthRateLimits = {
  perAccount: { limit: 10, windowMs: FIFTEEN_MINUTES },
  perIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
};

export type AuthAttempt = 'login' | 'register';

/**
 * Slows password guessing and mass sign-ups: per client address and per account. Checked
 * before any password work, so a refused attempt costs no scrypt. An attempt counts against
 * the account up front and is forgiven on success, so concurrent guesses cannot overshoot.
 */
export class AuthAttemptLimiter {
  private readonly perAccount: SlidingWindowRateLimiter;
  private readonly perIp: SlidingWindowRateLimiter;

  constructor(limits: AuthRateLimits = DEFAULT_AUTH_RATE_LIMITS, now: () => number = Date.now) {
    this.perAccount = new SlidingWindowRateLimiter(limits.perAccount, now);
    this.perIp = new SlidingWindowRateLimiter(limits.perIp, now);
  }

  /** Throws RATE_LIMITED (with Retry-After) or counts the attempt. */
  beginAttempt(kind: AuthAttempt, ip: string, account: string): void {
    const accountKey = `${kind}:${account}`;
    const waitMs = Math.max(this.perIp.retryAfterMs(ip), this.perAccount.retryAfterMs(accountKey));
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new AppError(
        'RATE_LIMITED',
        `Too many attempts; try again in ${retryAfterSeconds} seconds.`,
        { retryAfterSeconds },
      );
    }
    this.perIp.record(ip);
    this.perAccount.record(accountKey);
  }

  /** A correct password: the account's failed sign-ins are forgiven. */
  loginSucceeded(account: string): void {
    this.perAccount.reset(`login:${account}`);
  }
}
