/** Stands for this console's origin while a `next` parameter is parsed. */
const OWN_ORIGIN = 'http://console.invalid';

/**
 * Where to go after signing in: the `next` parameter when it is a path on this console,
 * `/` otherwise. Refuses other origins (`//evil.example`, `https://...`, `/\evil`) so a link
 * to the sign-in page cannot bounce a fresh session elsewhere. The path is parsed as the
 * browser will parse it, which drops tabs and newlines anywhere (`/<tab>/evil.example` is
 * `//evil.example`), and what comes back is the parsed path, the one that was checked.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, OWN_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== OWN_ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('/sign-in') || path.startsWith('/sign-up')) return '/';
  return path;
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
