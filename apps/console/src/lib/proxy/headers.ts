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
 * must not be told the body is still compressed, and CHECK_HEADER, which asks this
 * proxy, not the control plane, for a check.
 */
const REQUEST_ONLY = new Set(['host', 'accept-encoding', CHECK_HEADER]);

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
  return copy(incoming, (name) => REQUEST_ONLY.has(name));
}

export function forwardResponseHeaders(upstream: Headers): Headers {
  // If the upstream compressed anyway, fetch has already decoded the body.
  const decoded = upstream.has('content-encoding');
  return copy(
    upstream,
    (name) => decoded && (name === 'content-encoding' || name === 'content-length'),
  );
}
