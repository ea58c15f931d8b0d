import type { HttpRequest } from './http';

/** A proxy mounting us under a prefix (the console's `/api`) names it in X-Forwarded-Prefix. */
const FORWARDED_PREFIX = /^(\/[\w.-]+)*$/;

/** The path prefix the client reaches us under ('' when none, or not a plain path). */
export function forwardedPrefixOf(req: HttpRequest): string {
  const header = req.headers['x-forwarded-prefix'];
  return typeof header === 'string' && FORWARDED_PREFIX.test(header) ? header : '';
}
