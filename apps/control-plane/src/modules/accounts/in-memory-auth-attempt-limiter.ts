import {
  AuthAttemptLimiter,
  type AuthRateLimits,
  DEFAULT_AUTH_RATE_LIMITS,
} from './auth-attempt-limiter';
import { ProgressiveDelay } from './progressive-delay';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter';

/** The limits in this process's memory: for a control plane that runs alone. */
export class InMemoryAuthAttemptLimiter extends AuthAttemptLimiter {
  private readonly perAddress: SlidingWindowRateLimiter;
  private readonly perAccountAndAddress: ProgressiveDelay;
  /** Null when unknown keys are not limited. */
  private readonly unknownKeys: SlidingWindowRateLimiter | null;

  constructor(limits: AuthRateLimits = DEFAULT_AUTH_RATE_LIMITS, now: () => number = Date.now) {
    super();
    this.perAddress = new SlidingWindowRateLimiter(limits.perAddress, now);
    this.perAccountAndAddress = new ProgressiveDelay(limits.perAccountAndAddress, now);
    this.unknownKeys =
      limits.unknownKeysPerAddress.limit > 0
        ? new SlidingWindowRateLimiter(limits.unknownKeysPerAddress, now)
        : null;
  }

  protected checkAndCountSignIn(ip: string, failureKey: string): Promise<number> {
    const waitMs = Math.max(
      this.perAddress.retryAfterMs(ip),
      this.perAccountAndAddress.retryAfterMs(failureKey),
    );
    if (waitMs <= 0) {
      this.perAddress.record(ip);
      this.perAccountAndAddress.recordFailure(failureKey);
    }
    return Promise.resolve(waitMs);
  }

  protected checkAndCountSignUp(ip: string): Promise<number> {
    const waitMs = this.perAddress.retryAfterMs(ip);
    if (waitMs <= 0) this.perAddress.record(ip);
    return Promise.resolve(waitMs);
  }

  protected forgetFailures(failureKey: string): Promise<void> {
    this.perAccountAndAddress.reset(failureKey);
    return Promise.resolve();
  }

  protected checkAndCountKeyLookup(ip: string): Promise<number> {
    if (!this.unknownKeys) return Promise.resolve(0);
    const waitMs = this.unknownKeys.retryAfterMs(ip);
    if (waitMs <= 0) this.unknownKeys.record(ip);
    return Promise.resolve(waitMs);
  }
}
