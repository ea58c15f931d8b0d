import { CSRF_COOKIE } from '@podium/protocol/rest';
import { readCookie } from './cookies';

/**
 * The session's CSRF token, from the readable cookie the control plane set at sign-in
 * (double submit: cookie-authenticated writes echo it in `CSRF_HEADER`). Undefined on the
 * server and when nobody is signed in, so its presence is also the cheap "is there a session"
 * hint: the access and refresh cookies are HttpOnly.
 */
export function currentCsrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return readCookie(document.cookie, CSRF_COOKIE) || undefined;
}
