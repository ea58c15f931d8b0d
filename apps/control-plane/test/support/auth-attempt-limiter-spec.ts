import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type {
  AuthAttemptLimiter,
  AuthRateLimits,
} from '../../src/modules/accounts/auth-attempt-limiter';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const LIMITS: AuthRateLimits = {
  perAddress: { limit: 8, windowMs: 15 * MINUTE },
  perAccountAndAddress: {
    freeFailures: 2,
    baseDelayMs: 30 * SECOND,
    maxDelayMs: 2 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
  unknownKeysPerAddress: { limit: 3, windowMs: MINUTE },
};

/** Builds a limiter with these limits reading time from `now`, and one of its own. */
export type LimiterFactory = (
  limits: AuthRateLimits,
  now: () => number,
) => AuthAttemptLimiter | Promise<AuthAttemptLimiter>;

async function refusal(attempt: Promise<void>): Promise<AppError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (AppError.is(error)) return error;
  throw new Error(`expected RATE_LIMITED, got ${String(error)}`);
}

/**
 * The limiter's rules, for every implementation (in memory, Redis): the same cases must hold
 * for both, so replicas limit exactly as a lone process does.
 */
export function describeAuthAttemptLimiter(name: string, make: LimiterFactory) {
  describe(name, () => {
    async function setup(limits = LIMITS) {
      let now = 1_700_000_000_000;
      const limiter = await make(limits, () => now);
      return { limiter, advance: (ms: number) => (now += ms) };
    }

    it('delays sign-ins from an address that keeps failing, more with each failure, with Retry-After', async () => {
      const { limiter, advance } = await setup();
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      const first = await refusal(limiter.beginSignIn('10.0.0.1', 'ada@example.com'));
      expect(first.code).toBe('RATE_LIMITED');
      expect(first.extra).toEqual({ retryAfterSeconds: 30 });
      advance(30 * SECOND);
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      const second = await refusal(limiter.beginSignIn('10.0.0.1', 'ada@example.com'));
      expect(second.extra).toEqual({ retryAfterSeconds: 60 });
    });

    it('never delays the owner at another address, however often others failed', async () => {
      const { limiter } = await setup();
      for (let i = 0; i < 4; i++) {
        await limiter.beginSignIn(`10.0.0.${i}`, 'ada@example.com');
        await limiter.beginSignIn(`10.0.0.${i}`, 'ada@example.com');
      }
      await expect(limiter.beginSignIn('10.0.0.1', 'ada@example.com')).rejects.toThrow(AppError);
      await expect(limiter.beginSignIn('192.0.2.7', 'ada@example.com')).resolves.toBeUndefined();
    });

    it('forgives the failures of an address once the password was right there', async () => {
      const { limiter } = await setup();
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      await limiter.signInSucceeded('10.0.0.1', 'ada@example.com');
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      await expect(limiter.beginSignIn('10.0.0.1', 'ada@example.com')).resolves.toBeUndefined();
    });

    it('forgets failures after a quiet spell', async () => {
      const { limiter, advance } = await setup();
      for (let i = 0; i < 2; i++) await limiter.beginSignIn('10.0.0.1', 'ada@example.com');
      advance(60 * MINUTE);
      await limiter.beginSignIn('10.0.0.1', 'ada@example.com'); // the first again
      await expect(limiter.beginSignIn('10.0.0.1', 'ada@example.com')).resolves.toBeUndefined();
    });

    it('counts concurrent guesses up front: the ones past the free failures are refused', async () => {
      const { limiter } = await setup();
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () =>
          limiter.beginSignIn('10.0.0.1', 'ada@example.com').then(
            () => 'tried',
            () => 'refused',
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'tried')).toHaveLength(2);
    });

    it('counts an IPv6 address by its /64, where a host may pick a new address at will', async () => {
      const { limiter } = await setup();
      await limiter.beginSignIn('2001:db8:1:2::a', 'ada@example.com');
      await limiter.beginSignIn('2001:db8:1:2::b', 'ada@example.com');
      const error = await refusal(limiter.beginSignIn('2001:db8:1:2:ff::c', 'ada@example.com'));
      expect(error.code).toBe('RATE_LIMITED');
      // Another /64 is another client; an IPv4-mapped address is its IPv4 address.
      await expect(
        limiter.beginSignIn('2001:db8:1:3::a', 'ada@example.com'),
      ).resolves.toBeUndefined();
      await limiter.beginSignIn('::ffff:192.0.2.7', 'ada@example.com');
      await limiter.beginSignIn('192.0.2.7', 'ada@example.com');
      await expect(limiter.beginSignIn('192.0.2.7', 'ada@example.com')).rejects.toThrow(AppError);
    });

    it('refuses key lookups from an address past its budget, until the window slides', async () => {
      const { limiter, advance } = await setup();
      for (let i = 0; i < 3; i++) {
        await limiter.beginKeyLookup('10.0.0.1');
        advance(10 * SECOND);
      }
      const error = await refusal(limiter.beginKeyLookup('10.0.0.1'));
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.extra).toEqual({ retryAfterSeconds: 30 }); // the first counted 30 s ago
      // Another address, its own budget; password sign-ins from this one, theirs.
      await expect(limiter.beginKeyLookup('10.0.0.2')).resolves.toBeUndefined();
      await expect(limiter.beginSignIn('10.0.0.1', 'ada@example.com')).resolves.toBeUndefined();
      advance(30 * SECOND);
      await expect(limiter.beginKeyLookup('10.0.0.1')).resolves.toBeUndefined();
    });

    it('counts concurrent key lookups up front, by /64, and none at a budget of 0', async () => {
      const { limiter } = await setup();
      const outcomes = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((host) =>
          limiter.beginKeyLookup(`2001:db8:1:2::${host}`).then(
            () => 'looked up',
            () => 'refused',
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'looked up')).toHaveLength(3);
      const unlimited = await setup({
        ...LIMITS,
        unknownKeysPerAddress: { limit: 0, windowMs: MINUTE },
      });
      for (let i = 0; i < 5; i++) await unlimited.limiter.beginKeyLookup('10.0.0.1');
      await expect(unlimited.limiter.beginKeyLookup('10.0.0.1')).resolves.toBeUndefined();
    });

    it('limits one address across accounts and across sign-in and sign-up', async () => {
      const { limiter, advance } = await setup();
      for (let i = 0; i < 5; i++) await limiter.beginSignIn('10.0.0.1', `user${i}@example.com`);
      for (let i = 0; i < 3; i++) await limiter.beginSignUp('10.0.0.1');
      const error = await refusal(limiter.beginSignUp('10.0.0.1'));
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.extra).toEqual({ retryAfterSeconds: 15 * 60 });
      await expect(limiter.beginSignIn('10.0.0.2', 'user0@example.com')).resolves.toBeUndefined();
      advance(15 * MINUTE); // the window slides past the first attempt
      await expect(limiter.beginSignUp('10.0.0.1')).resolves.toBeUndefined();
    });
  });
}
