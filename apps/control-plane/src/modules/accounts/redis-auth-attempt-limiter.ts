import { createHash } from 'node:crypto';
import type { RedisConnections } from '../../infra/redis/redis-connections';
import {
  AuthAttemptLimiter,
  type AuthRateLimits,
  DEFAULT_AUTH_RATE_LIMITS,
} from './auth-attempt-limiter';
import type { SlidingWindow } from './sliding-window-rate-limiter';

/**
 * The same rules as the in-memory limiter (SlidingWindowRateLimiter, ProgressiveDelay), kept
 * in Redis and checked-and-counted by one script, so every replica counts into one budget.
 * Per address: a list of its latest `limit` attempt times, newest first (one for sign-ins and
 * sign-ups, one for lookups of API keys not known valid). Per account and
 * address: a hash of the failure count and the last failure's time. Keys expire with their
 * window, so nothing needs cleaning. Times are the replica's clock (milliseconds).
 */
const LIMIT_SCRIPTS = `
local function addressWait(key, now, limit, window)
  local t = redis.call('LINDEX', key, limit - 1)
  if not t then return 0 end
  t = tonumber(t)
  if t <= now - window then return 0 end
  return math.max(1, t + window - now)
end
local function countAddress(key, now, limit, window)
  redis.call('LPUSH', key, now)
  redis.call('LTRIM', key, 0, limit - 1)
  redis.call('PEXPIRE', key, window)
end
`;

/** KEYS: address, failures. ARGV: now, limit, window, free, base, max, forget. */
const SIGN_IN = `${LIMIT_SCRIPTS}
local now, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local free, base, maxDelay, forget = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local count = tonumber(redis.call('HGET', KEYS[2], 'count') or '0')
local lastAt = tonumber(redis.call('HGET', KEYS[2], 'lastAt') or '0')
if now - lastAt >= forget then count = 0 end
local failureWait = 0
if count >= free then
  failureWait = math.max(0, lastAt + math.min(maxDelay, base * 2 ^ (count - free)) - now)
end
local wait = math.max(addressWait(KEYS[1], now, limit, window), failureWait)
if wait > 0 then return math.ceil(wait) end
countAddress(KEYS[1], now, limit, window)
redis.call('HSET', KEYS[2], 'count', count + 1, 'lastAt', now)
redis.call('PEXPIRE', KEYS[2], forget)
return 0
`;

/** A sign-up, or a lookup of a key not known valid. KEYS: address. ARGV: now, limit, window. */
const ADDRESS_ATTEMPT = `${LIMIT_SCRIPTS}
local now, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local wait = addressWait(KEYS[1], now, limit, window)
if wait > 0 then return math.ceil(wait) end
countAddress(KEYS[1], now, limit, window)
return 0
`;

export class RedisAuthAttemptLimiter extends AuthAttemptLimiter {
  constructor(
    private readonly redis: RedisConnections,
    private readonly limits: AuthRateLimits = DEFAULT_AUTH_RATE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  protected async checkAndCountSignIn(ip: string, failureKey: string): Promise<number> {
    const { perAddress: address, perAccountAndAddress: failures } = this.limits;
    const wait = await this.redis.commands.eval(
      SIGN_IN,
      2,
      this.addressKey(ip),
      this.failuresKey(failureKey),
      this.now(),
      address.limit,
      address.windowMs,
      failures.freeFailures,
      failures.baseDelayMs,
      failures.maxDelayMs,
      failures.forgetAfterMs,
    );
    return Number(wait);
  }

  protected checkAndCountSignUp(ip: string): Promise<number> {
    return this.checkAndCountAttempt(this.addressKey(ip), this.limits.perAddress);
  }

  protected async forgetFailures(failureKey: string): Promise<void> {
    await this.redis.commands.del(this.failuresKey(failureKey));
  }

  protected async checkAndCountKeyLookup(ip: string): Promise<number> {
    const window = this.limits.unknownKeysPerAddress;
    return window.limit > 0 ? this.checkAndCountAttempt(this.unknownKeysKey(ip), window) : 0;
  }

  private async checkAndCountAttempt(key: string, window: SlidingWindow): Promise<number> {
    const { limit, windowMs } = window;
    const wait = await this.redis.commands.eval(
      ADDRESS_ATTEMPT,
      1,
      key,
      this.now(),
      limit,
      windowMs,
    );
    return Number(wait);
  }

  private unknownKeysKey(ip: string): string {
    return this.redis.key('limits', 'unknown-keys', ip);
  }

  private addressKey(ip: string): string {
    return this.redis.key('limits', 'address', ip);
  }

  /** Hashed: the key names an account (an email address), which Redis need not hold. */
  private failuresKey(failureKey: string): string {
    const digest = createHash('sha256').update(failureKey).digest('base64url');
    return this.redis.key('limits', 'failures', digest);
  }
}
