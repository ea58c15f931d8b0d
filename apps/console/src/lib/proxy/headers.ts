// Which headers cross the /api proxy. Hop-by-hop headers (RFC 9110 §7.6.1) describe
// one connection and must not be forwarded; everything else (cookies,
// authorization, content-type, x-forwarded-*) passes through untouched.
import { CHECK_HEADER } from '../checked-answer';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Also dropped on the way up: `host` (fetch sets the control plane's),
 * `accept-encoding`, because fetch decompresses what it receives and the browser
 * must not be told the body is still compressed, `expect` (Node's server already
 * answered a `100-continue`, and fetch refuses to send the header), and CHECK_HEADER,
 * which asks this proxy, not the control plane, for a check.
 */
const REQUEST_ONLY = new Set(['host', 'accept-encoding', 'expect', CHECK_HEADER]);

/**
 * Set by the console's own server (server/forwarded-for.mjs), the one client address the
 * console vouches for: a client naming it in its Connection header must not strip it, or
 * the control plane would take the console for the client (rate limits, audit).
 */
const VOUCHED = 'x-forwarded-for';

function connectionTokens(headers: Headers): Set<string> {
  const value = headers.get('connection') ?? '';
  return new Set(
    value
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
}

function copy(from: Headers, drop: (name: string) => boolean): Headers {
  const listed = connectionTokens(from);
  const to = new Headers();
  from.forEach((value, name) => {
    if (name === 'set-cookie' || HOP_BY_HOP.has(name) || listed.has(name) || drop(name)) return;
    to.set(name, value);
  });
  // Several cookies must stay several headers, never one comma-joined line.
  for (const cookie of from.getSetCookie()) to.append('set-cookie', cookie);
  return to;
}

export function forwardRequestHeaders(incoming: Headers): Headers {
  const headers = copy(incoming, (name) => REQUEST_ONLY.has(name));
  const vouched = incoming.get(VOUCHED);
  if (vouched !== null) headers.set(VOUCHED, vouched);
  return headers;
}

export function forwardResponseHeaders(upstream: Headers): Headers {
  // If the upstream compressed anyway, fetch has already decoded the body.
  const decoded = upstream.has('content-encoding');
  return copy(
    upstream,
    (name) => decoded && (name === 'content-encoding' || name === 'content-length'),
  );
}
