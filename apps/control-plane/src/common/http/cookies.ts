import type { HttpReply, HttpRequest } from './http';

export interface CookieOptions {
  readonly path: string;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: 'Lax' | 'Strict';
  /** Lifetime in seconds (also written as Expires); absent with `expires`, a session cookie. */
  readonly maxAgeSeconds?: number;
  readonly expires?: Date;
}

/** The cookies a request carries; of duplicates, the first (most specific path) wins. */
export function readCookies(req: Pick<HttpRequest, 'headers'>): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(at + 1).trim()));
    } catch {
      // A malformed value is as good as no cookie.
    }
  }
  return cookies;
}

/** One `Set-Cookie` value (RFC 6265). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path}`];
  const { maxAgeSeconds } = options;
  if (maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${maxAgeSeconds}`);
    parts.push(`Expires=${new Date(Date.now() + maxAgeSeconds * 1000).toUTCString()}`);
  } else if (options.expires) {
    parts.push(`Expires=${options.expires.toUTCString()}`);
  }
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  parts.push(`SameSite=${options.sameSite}`);
  return parts.join('; ');
}

/** Adds a cookie to the reply (Fastify keeps every `Set-Cookie` header it is given). */
export function setCookie(
  reply: HttpReply,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  void reply.header('set-cookie', serializeCookie(name, value, options));
}

/** Tells the browser to drop a cookie: same name and path, expired. */
export function clearCookie(reply: HttpReply, name: string, options: CookieOptions): void {
  setCookie(reply, name, '', { ...options, maxAgeSeconds: 0, expires: undefined });
}
