import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-tokens';
import { CsrfTokens } from './csrf-tokens';
import { deriveSessionKeys } from './session-keys';

const keys = deriveSessionKeys('a-test-secret-of-at-least-32-chars!');
const claims = { userId: 'user-1', sessionId: 'session-1' };

describe('AccessTokens', () => {
  const tokens = new AccessTokens(keys);

  it('round-trips the user and session until it expires after 15 minutes', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { token, expiresAt } = await tokens.sign(claims, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(ACCESS_TOKEN_TTL_SECONDS * 1000);
    await expect(tokens.verify(token, now)).resolves.toEqual(claims);
    const later = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000 + 1000);
    await expect(tokens.verify(token, later)).resolves.toBeNull();
  });

  it('refuses tampered tokens, other keys, and unsigned tokens', async () => {
    const now = new Date();
    const { token } = await tokens.sign(claims, now);
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'admin', sid: 'x' })).toString(
      'base64url',
    );
    await expect(tokens.verify(`${header}.${forgedPayload}.${signature}`, now)).resolves.toBeNull();
    const other = new AccessTokens(deriveSessionKeys('another-secret-of-at-least-32-chars'));
    await expect(other.verify(token, now)).resolves.toBeNull();
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(tokens.verify(none, now)).resolves.toBeNull();
    await expect(tokens.verify('garbage', now)).resolves.toBeNull();
  });

  it('refuses a token signed with the CSRF key (keys are per purpose)', async () => {
    const wrongKey = await new SignJWT({ sid: 's' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('podium-control-plane')
      .setAudience('podium-console')
      .setExpirationTime('5m')
      .sign(new Uint8Array(keys.csrf));
    await expect(tokens.verify(wrongKey, new Date())).resolves.toBeNull();
  });
});

describe('CsrfTokens', () => {
  const csrf = new CsrfTokens(keys);

  it('accepts the header only when it equals the cookie and belongs to the session', () => {
    const token = csrf.issue('session-1');
    expect(csrf.matches('session-1', token, token)).toBe(true);
    expect(csrf.matches('session-1', undefined, token)).toBe(false);
    expect(csrf.matches('session-1', token, undefined)).toBe(false);
    expect(csrf.matches('session-1', 'forged', 'forged')).toBe(false);
    const otherSession = csrf.issue('session-2');
    expect(csrf.matches('session-1', otherSession, otherSession)).toBe(false);
  });
});
