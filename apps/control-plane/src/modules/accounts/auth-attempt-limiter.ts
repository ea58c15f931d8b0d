import { AppError } from '@podium/protocol';
import type { RefusalReason } from '../../infra/metrics/podium-metrics';
import { clientNetworkOf } from './client-network';
import type { ProgressiveDelayPolicy } from './progressive-delay';
import type { SlidingWindow } from './sliding-window-rate-limiter';

const MINUTE = 60_000;

export interface AuthRateLimits {
  /** Sign-in and sign-up attempts per client address, whatever the account. */
  readonly perAddress: SlidingWindow;
  /** Failed sign-ins per (account, client address). */
  readonly perAccountAndAddress: ProgressiveDelayPolicy;
  /** Lookups of API keys not known valid, per client address (a `limit` of 0: no limit). */
  readonly unknownKeysPerAddress: SlidingWindow;
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
  unknownKeysPerAddress: { limit: 60, windowMs: MINUTE },
};

/** The limits with the operator's budget of unknown API keys (config `accounts`). */
export function authRateLimits(unknownApiKeysPerMinute: number): AuthRateLimits {
  return {
    ...DEFAULT_AUTH_RATE_LIMITS,
    unknownKeysPerAddress: { limit: unknownApiKeysPerMinute, windowMs: MINUTE },
  };
}

/**
 * Slows password and API key guessing and mass sign-ups. Every limit is keyed by the client address (an
 * IPv6 one by its /64: clientNetworkOf), so nobody can lock an account's owner out from
 * elsewhere: failures against an account delay only the address they came from. Checked before any password work (a refused attempt costs
 * no scrypt). A sign-in counts as failed up front and is forgiven on success, so concurrent
 * guesses cannot overshoot.
 *
 * Where the counts live is the subclass's: this process's memory when it runs alone
 * (InMemoryAuthAttemptLimiter), Redis for replicas (RedisAuthAttemptLimiter), so that N
 * replicas do not give an attacker N budgets. Each check-and-count is one atomic step.
 */
export abstract class AuthAttemptLimiter {
  private onRefusal: (reason: RefusalReason) => void = () => {};

  /** Tells `listener` of every attempt this limiter refuses (the metrics count them). */
  reportRefusalsTo(listener: (reason: RefusalReason) => void): this {
    this.onRefusal = listener;
    return this;
  }

  /** Throws RATE_LIMITED (with Retry-After) or counts the attempt, as a failure until it succeeds. */
  async beginSignIn(address: string, account: string): Promise<void> {
    const ip = clientNetworkOf(address);
    const waitMs = await this.checkAndCountSignIn(ip, accountAtAddress(account, ip));
    if (waitMs > 0) this.onRefusal('sign_in_rate_limited');
    assertNoWait(waitMs);
  }

  /** A correct password: the failures against this account from this address are forgiven. */
  signInSucceeded(address: string, account: string): Promise<void> {
    return this.forgetFailures(accountAtAddress(account, clientNetworkOf(address)));
  }

  /** Throws RATE_LIMITED (with Retry-After) or counts the attempt. */
  async beginSignUp(address: string): Promise<void> {
    const waitMs = await this.checkAndCountSignUp(clientNetworkOf(address));
    if (waitMs > 0) this.onRefusal('sign_up_rate_limited');
    assertNoWait(waitMs);
  }

  /**
   * Throws RATE_LIMITED (with Retry-After) while this address is past its budget of lookups of
   * keys not known valid, so the lookup is not made; otherwise counts it. Counted up front, in
   * one step, so lookups racing from one address cannot pass the budget together.
   */
  async beginKeyLookup(address: string): Promise<void> {
    const waitMs = await this.checkAndCountKeyLookup(clientNetworkOf(address));
    if (waitMs > 0) this.onRefusal('api_key_rate_limited');
    assertNoWait(waitMs);
  }

  /**
   * The wait (ms) before this address may try to sign in into this account; when none (0),
   * counts the attempt against the address and as a failure of `failureKey`.
   */
  protected abstract checkAndCountSignIn(ip: string, failureKey: string): Promise<number>;

  /** The wait (ms) before this address may sign up; when none (0), counts the attempt. */
  protected abstract checkAndCountSignUp(ip: string): Promise<number>;

  protected abstract forgetFailures(failureKey: string): Promise<void>;

  /** The wait (ms) before this address may have a key looked up; when none (0), counts it. */
  protected abstract checkAndCountKeyLookup(ip: string): Promise<number>;
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
