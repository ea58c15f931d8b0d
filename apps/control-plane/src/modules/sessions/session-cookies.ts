import { Inject, Injectable } from '@nestjs/common';
import { CSRF_COOKIE, CSRF_HEADER } from '@podium/protocol';
import { type CookieOptions, clearCookie, readCookies, setCookie } from '../../common/http/cookies';
import type { HttpReply, HttpRequest } from '../../common/http/http';
import { CONFIG, type Config } from '../../config/config';
import { ACCESS_TOKEN_TTL_SECONDS } from './access-tokens';
import type { IssuedSession } from './sessions.dto';
import { forwardedPrefixOf } from '../../common/http/forwarded-prefix';

export const ACCESS_COOKIE = 'podium_access';
export const REFRESH_COOKIE = 'podium_refresh';

/** Where the refresh cookie goes: only to the session endpoints (refresh and sign-out). */
const SESSIONS_PATH = '/v2/sessions';

/** The session credentials a request carries (any may be missing). */
export interface SessionCredentials {
  readonly accessToken?: string;
  readonly refreshToken?: string;
  readonly csrfHeader?: string;
  readonly csrfCookie?: string;
}

export function sessionCredentialsOf(req: HttpRequest): SessionCredentials {
  const cookies = readCookies(req);
  const header = req.headers[CSRF_HEADER.toLowerCase()];
  return {
    accessToken: cookies.get(ACCESS_COOKIE),
    refreshToken: cookies.get(REFRESH_COOKIE),
    csrfHeader: typeof header === 'string' ? header : undefined,
    csrfCookie: cookies.get(CSRF_COOKIE),
  };
}

/**
 * Writes and clears the three session cookies. Access and refresh tokens are HttpOnly (script
 * cannot read them); the CSRF token is readable on purpose. All are SameSite=Lax, and Secure
 * in production.
 */
@Injectable()
export class SessionCookies {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

  write(res: HttpReply, req: HttpRequest, issued: IssuedSession): void {
    const { access, refresh, csrf } = this.options(req);
    setCookie(res, ACCESS_COOKIE, issued.accessToken, {
      ...access,
      maxAgeSeconds: ACCESS_TOKEN_TTL_SECONDS,
    });
    setCookie(res, REFRESH_COOKIE, issued.refreshToken, { ...refresh, expires: issued.expiresAt });
    setCookie(res, CSRF_COOKIE, issued.csrfToken, { ...csrf, expires: issued.expiresAt });
  }

  clear(res: HttpReply, req: HttpRequest): void {
    const { access, refresh, csrf } = this.options(req);
    clearCookie(res, ACCESS_COOKIE, access);
    clearCookie(res, REFRESH_COOKIE, refresh);
    clearCookie(res, CSRF_COOKIE, csrf);
  }

  private options(req: HttpRequest): Record<'access' | 'refresh' | 'csrf', CookieOptions> {
    const base = { sameSite: 'Lax', secure: this.config.sessions.secureCookies } as const;
    const prefix = forwardedPrefixOf(req);
    return {
      access: { ...base, httpOnly: true, path: '/' },
      refresh: { ...base, httpOnly: true, path: `${prefix}${SESSIONS_PATH}` },
      csrf: { ...base, httpOnly: false, path: '/' },
    };
  }
}
