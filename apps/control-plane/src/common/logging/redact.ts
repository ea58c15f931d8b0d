export const REDACTED = '[REDACTED]';

/** A URL as it may be shown: in a log line, a problem's `instance`, an error detail. */
export type RedactUrl = (url: string) => string;

/** Percent-escapes are undone this many times over, for URLs encoded twice (or more). */
const DECODE_ROUNDS = 4;

/**
 * Executors put their API key in the URL path (`<base>/websocket/<app>/<key>`, the DBOS
 * convention), so no URL reaches a log line or a response without passing through here.
 *
 * Near misses carry the key just the same (`websocket//app/<key>`, `WEBSOCKET/...`,
 * `websocket%2Fapp%2F<key>`, `websocket/<key>`), so matching is deliberately loose: any URL
 * under the executor base path, or with `websocket` anywhere in it, in any case and however
 * percent-encoded, keeps only a literal prefix that cannot hold a key. Over-redacting an
 * ordinary URL costs a less helpful log line; under-redacting leaks a credential.
 */
export function urlRedactor(executorBasePath: string): RedactUrl {
  const base = looseForm(executorBasePath);
  const keptPrefixes = [
    ...(executorBasePath ? [`${executorBasePath}/websocket/`] : []),
    '/websocket/',
    ...(executorBasePath ? [`${executorBasePath}/`] : []),
  ];
  return (url) => {
    const seen = looseForm(url);
    const mayHoldKey = seen.includes('websocket') || (base !== '' && seen.includes(base));
    if (!mayHoldKey) return url;
    const prefix = keptPrefixes.find((candidate) => url.startsWith(candidate)) ?? '/';
    return `${prefix}${REDACTED}`;
  };
}

/** Lower case, percent-escapes undone, backslashes as slashes, runs of slashes as one. */
function looseForm(text: string): string {
  let decoded = text;
  for (let round = 0; round < DECODE_ROUNDS && decoded.includes('%'); round++) {
    decoded = decoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return decoded
    .toLowerCase()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/');
}

/** Object paths pino blanks in every log record. */
export const REDACTED_LOG_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.token',
];
