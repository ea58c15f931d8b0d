import { Injectable } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import type { HttpRequest } from '../../common/http/http';
import type { Principal } from '../../common/auth/principal';
import { sessionCredentialsOf } from './session-cookies';
import { SessionsService } from './sessions.service';

/** Methods that must not change state, so need no CSRF token (RFC 9110 safe methods). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The cookie path of AuthenticationGuard: a valid access token whose session row is live,
 * plus, for state-changing methods, the session's CSRF token in X-CSRF-Token.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(private readonly sessions: SessionsService) {}

  /** Null when the request carries no session at all. */
  async authenticate(req: HttpRequest): Promise<Principal | null> {
    const credentials = sessionCredentialsOf(req);
    if (!credentials.accessToken) return null;
    const claims = await this.sessions.resolveAccessToken(credentials.accessToken);
    if (!claims) {
      throw new AppError(
        'UNAUTHENTICATED',
        'The session has expired or ended; refresh it or sign in again.',
      );
    }
    if (!SAFE_METHODS.has(req.method)) this.sessions.assertCsrf(claims.sessionId, credentials);
    return { kind: 'user', userId: claims.userId, sessionId: claims.sessionId };
  }

  /** Whether a signed-in caller's session is still live (for streams that outlive a request). */
  isStillSignedIn(principal: Principal & { kind: 'user' }): Promise<boolean> {
    return this.sessions.isSessionLive(principal.sessionId, principal.userId);
  }
}
