import { Inject, Injectable } from '@nestjs/common';
import { CSRF_COOKIE, CSRF_HEADER } from '@podium/protocol';
import type { CookieOptions, Request, Response } from 'express';
import { CONFIG, type Config } from '../../config/config';
import { ACCESS_TOKEN_TTL_SECONDS } from './access-tokens';
import type { IssuedSession } from './sessions.dto';

export const ACCESS_COOKIE = 'podium_access';
export const REFRESH_COOKIE = 'podium_refresh';

/** Where the refresh cookie goes: only to the session endpoints (refresh and sign-out). */
const SESSIONS_PATH = '/v2/sessions';
/** A proxy mounting us under a prefix (the console's `/api`) names it in X-Forwarded-Prefix. */
const FORWARDED_PREFIX = /^(\/[\w.-]+)*$/;

/** The session credentials a request carries (any may be missing). */
export interface SessionCredentials {
  readonly accessToken?: string;
  readonly refreshToken?: string;
  readonly csrfHeader?: string;
  readonly csrfCookie?: string;
}

export function readCookies(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || cookies.has(name)) continue; // the first (most specific path) wins
    try {
      cookies.set(name, decodeURIComponent(part.slice(at + 1).trim()));
    } catch {
      // A malformed value is as good as no cookie.
    }
  }
  return cookies;
}

export function sessionCredentialsOf(req: Request): SessionCredentials {
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

  write(res: Response, req: Request, issued: IssuedSession): void {
    const { access, refresh, csrf } = this.options(req);
    res.cookie(ACCESS_COOKIE, issued.accessToken, {
      ...access,
      maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
    res.cookie(REFRESH_COOKIE, issued.refreshToken, { ...refresh, expires: issued.expiresAt });
    res.cookie(CSRF_COOKIE, issued.csrfToken, { ...csrf, expires: issued.expiresAt });
  }

  clear(res: Response, req: Request): void {
    const { access, refresh, csrf } = this.options(req);
    res.clearCookie(ACCESS_COOKIE, access);
    res.clearCookie(REFRESH_COOKIE, refresh);
    res.clearCookie(CSRF_COOKIE, csrf);
  }

  private options(req: Request): Record<'access' | 'refresh' | 'csrf', CookieOptions> {
    const base: CookieOptions = { sameSite: 'lax', secure: this.config.sessions.secureCookies };
    const header = req.headers['x-forwarded-prefix'];
    const prefix = typeof header === 'string' && FORWARDED_PREFIX.test(header) ? header : '';
    return {
      access: { ...base, httpOnly: true, path: '/' },
      refresh: { ...base, httpOnly: true, path: `${prefix}${SESSIONS_PATH}` },
      csrf: { ...base, httpOnly: false, path: '/' },
    };
  }
}
