import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { AuthAttemptLimiter } from './auth-attempt-limiter';

const MINUTE = 60_000;

function setup() {
  let now = 0;
  const limiter = new AuthAttemptLimiter(
    {
      perAccount: { limit: 3, windowMs: 15 * MINUTE },
      perIp: { limit: 5, windowMs: 15 * MINUTE },
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
  it('stops sign-ins to an account after its limit, from any address, with Retry-After', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 3; i++) {
      limiter.beginAttempt('login', `10.0.0.${i}`, 'ada@example.com');
      advance(MINUTE);
    }
    const error = refusal(() => limiter.beginAttempt('login', '10.9.9.9', 'ada@example.com'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.extra).toEqual({ retryAfterSeconds: 12 * 60 });
    advance(12 * MINUTE);
    expect(() => limiter.beginAttempt('login', '10.9.9.9', 'ada@example.com')).not.toThrow();
  });

  it('forgives an account its failures once the password was right', () => {
    const { limiter } = setup();
    limiter.beginAttempt('login', '10.0.0.1', 'ada@example.com');
    limiter.beginAttempt('login', '10.0.0.2', 'ada@example.com');
    limiter.loginSucceeded('ada@example.com');
    limiter.beginAttempt('login', '10.0.0.3', 'ada@example.com');
    limiter.beginAttempt('login', '10.0.0.4', 'ada@example.com');
    expect(() => limiter.beginAttempt('login', '10.0.0.5', 'ada@example.com')).not.toThrow();
  });

  it('stops one address across accounts and across sign-in and sign-up', () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.beginAttempt('login', '10.0.0.1', `user${i}@example.com`);
    for (let i = 0; i < 2; i++) limiter.beginAttempt('register', '10.0.0.1', `new${i}@example.com`);
    expect(refusal(() => limiter.beginAttempt('register', '10.0.0.1', 'x@example.com')).code).toBe(
      'RATE_LIMITED',
    );
    expect(() => limiter.beginAttempt('register', '10.0.0.2', 'x@example.com')).not.toThrow();
  });

  it('counts sign-ups per email apart from sign-ins', () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.beginAttempt('register', `10.0.1.${i}`, 'ada@example.com');
    expect(() => limiter.beginAttempt('login', '10.0.2.1', 'ada@example.com')).not.toThrow();
    expect(
      refusal(() => limiter.beginAttempt('register', '10.0.2.2', 'ada@example.com')).code,
    ).toBe('RATE_LIMITED');
  });
});
