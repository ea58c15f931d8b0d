import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { SESSION_KEYS, type SessionKeys } from './session-keys';

/** Short on purpose: a stolen access cookie is worth little, and revocation is checked anyway. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const ISSUER = 'podium-control-plane';
const AUDIENCE = 'podium-console';

export interface AccessClaims {
  readonly userId: string;
  readonly sessionId: string;
}

/** Access JWTs (HS256, jose): who is signed in, under which session row. */
@Injectable()
export class AccessTokens {
  constructor(@Inject(SESSION_KEYS) private readonly keys: SessionKeys) {}

  async sign(claims: AccessClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.keys.accessToken);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string, now: Date): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys.accessToken, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
      });
      const { sub, sid } = payload;
      return typeof sub === 'string' && typeof sid === 'string'
        ? { userId: sub, sessionId: sid }
        : null;
    } catch {
      return null;
    }
  }
}
