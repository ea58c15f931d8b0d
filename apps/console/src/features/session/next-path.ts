/**
 * Where to go after signing in: the `next` parameter when it is a path on this console,
 * `/` otherwise. Refuses other origins (`//evil.example`, `https://...`, `/\evil`) so a link
 * to the sign-in page cannot bounce a fresh session elsewhere.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  if (raw.startsWith('/sign-in') || raw.startsWith('/sign-up')) return '/';
  return raw;
}

/** The sign-in page, asked to come back to `path` afterwards. */
export function signInPath(path: string | undefined): string {
  return withNext('/sign-in', path);
}

/** The sign-up page, asked to come back to `path` afterwards. */
export function signUpPath(path: string | undefined): string {
  return withNext('/sign-up', path);
}

function withNext(page: '/sign-in' | '/sign-up', path: string | undefined): string {
  const next = safeNextPath(path);
  return next === '/' ? page : `${page}?next=${encodeURIComponent(next)}`;
}
