import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SESSION_KEYS, type SessionKeys } from './session-keys';

/**
 * CSRF protection by double submit, bound to the session: the token is an HMAC of the session
 * id, sent in a readable cookie at sign-in; a cookie-authenticated request that changes state
 * must echo it in X-CSRF-Token. Another site can neither read the cookie nor forge the HMAC
 * (so a cookie planted by a sibling subdomain does not help it either).
 */
@Injectable()
export class CsrfTokens {
  constructor(@Inject(SESSION_KEYS) private readonly keys: SessionKeys) {}

  issue(sessionId: string): string {
    return createHmac('sha256', this.keys.csrf).update(sessionId).digest('base64url');
  }

  matches(sessionId: string, header: string | undefined, cookie: string | undefined): boolean {
    if (!header || !cookie) return false;
    const expected = this.issue(sessionId);
    return isSameSecret(header, expected) && isSameSecret(cookie, expected);
  }
}

function isSameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
