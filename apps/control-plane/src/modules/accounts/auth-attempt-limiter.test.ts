import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { AuthAttemptLimiter } from './auth-attempt-limiter';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

function setup() {
  let now = 0;
  const limiter = new AuthAttemptLimiter(
    {
      perAddress: { limit: 8, windowMs: 15 * MINUTE },
      perAccountAndAddress: {
        freeFailures: 2,
        baseDelayMs: 30 * SECOND,
        maxDelayMs: 2 * MINUTE,
        forgetAfterMs: 60 * MINUTE,
      },
    },
    () => now,
  );
  return { limiter, advance: (ms: number) => (now += ms) };
}

function refusal(attempt: () => void): AppError {
  try {
    attempt();
  } catch (error) {
    if (AppError.is(error)) return error;
    throw error;
  }
  throw new Error('expected RATE_LIMITED');
}

describe('AuthAttemptLimiter', () => {
  it('delays sign-ins from an address that keeps failing, more with each failure, with Retry-After', () => {
    const { limiter, advance } = setup();
    limiter.beginSignIn('10.0.0.1', 'ada@example.com');
    limiter.beginSignIn('10.0.0.1', 'ada@example.com');
    const first = refusal(() => limiter.beginSignIn('10.0.0.1', 'ada@example.com'));
    expect(first.code).toBe('RATE_LIMITED');
    expect(first.extra).toEqual({ retryAfterSeconds: 30 });
    advance(30 * SECOND);
    limiter.beginSignIn('10.0.0.1', 'ada@example.com');
    expect(refusal(() => limiter.beginSignIn('10.0.0.1', 'ada@example.com')).extra).toEqual({
      retryAfterSeconds: 60,
    });
  });

  it('never delays the owner at another address, however often others failed', () => {
    const { limiter } = setup();
    for (let i = 0; i < 4; i++) {
      limiter.beginSignIn(`10.0.0.${i}`, 'ada@example.com');
      limiter.beginSignIn(`10.0.0.${i}`, 'ada@example.com');
    }
    expect(() => limiter.beginSignIn('10.0.0.1', 'ada@example.com')).toThrow(AppError);
    expect(() => limiter.beginSignIn('192.0.2.7', 'ada@example.com')).not.toThrow();
  });

  it('forgives the failures of an address once the password was right there', () => {
    const { limiter } = setup();
    limiter.beginSignIn('10.0.0.1', 'ada@example.com');
    limiter.beginSignIn('10.0.0.1', 'ada@example.com');
    limiter.signInSucceeded('10.0.0.1', 'ada@example.com');
    limiter.beginSignIn('10.0.0.1', 'ada@example.com');
    expect(() => limiter.beginSignIn('10.0.0.1', 'ada@example.com')).not.toThrow();
  });

  it('counts concurrent guesses up front: the ones past the free failures are refused', () => {
    const { limiter } = setup();
    const outcomes = Array.from({ length: 5 }, () => {
      try {
        limiter.beginSignIn('10.0.0.1', 'ada@example.com');
        return 'tried';
      } catch {
        return 'refused';
      }
    });
    expect(outcomes).toEqual(['tried', 'tried', 'refused', 'refused', 'refused']);
  });

  it('limits one address across accounts and across sign-in and sign-up', () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.beginSignIn('10.0.0.1', `user${i}@example.com`);
    for (let i = 0; i < 3; i++) limiter.beginSignUp('10.0.0.1');
    const error = refusal(() => limiter.beginSignUp('10.0.0.1'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.extra).toEqual({ retryAfterSeconds: 15 * 60 });
    expect(() => limiter.beginSignIn('10.0.0.2', 'user0@example.com')).not.toThrow();
  });
});
