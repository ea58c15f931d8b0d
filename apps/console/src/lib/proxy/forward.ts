// The console's /api proxy: one origin for the browser (session cookies and CSRF
// rely on it), the control plane behind it. Bodies stream both ways; nothing is
// buffered, so server-sent events pass through as they are written.
import { AppError } from '@podium/protocol/rest';
import { describeNetworkError } from '../network-error';
import { problemResponse } from '../problem-details';
import { forwardRequestHeaders, forwardResponseHeaders } from './headers';

export interface ForwardOptions {
  /** The control plane's base URL, e.g. `http://127.0.0.1:8090`. */
  upstream: string;
  /** The path prefix this proxy is mounted on, removed before forwarding. */
  mountPath: string;
}

/** `/api/workflows?limit=5` → `<upstream>/workflows?limit=5`, always on the upstream's host. */
export function upstreamUrl(incoming: URL, { upstream, mountPath }: ForwardOptions): URL {
  const path = incoming.pathname.startsWith(mountPath)
    ? incoming.pathname.slice(mountPath.length)
    : incoming.pathname;
  const target = new URL(upstream);
  // Assigning pathname (not resolving a relative URL) keeps `//other-host/x` on our host.
  target.pathname = `${target.pathname.replace(/\/+$/, '')}${path || '/'}`;
  target.search = incoming.search;
  return target;
}

/**
 * Tells the control plane where it is mounted, so the cookies it sets carry
 * paths the browser will send back (its refresh cookie lives under `/api/v2/sessions`).
 */
function withForwardedPrefix(headers: Headers, mountPath: string): Headers {
  headers.set('x-forwarded-prefix', mountPath);
  return headers;
}

export async function forwardRequest(request: Request, options: ForwardOptions): Promise<Response> {
  const target = upstreamUrl(new URL(request.url), options);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers: withForwardedPrefix(forwardRequestHeaders(request.headers), options.mountPath),
      body: hasBody ? request.body : null,
      // Required by fetch to send a streamed request body.
      duplex: 'half',
      redirect: 'manual',
      cache: 'no-store',
      signal: request.signal,
    } as RequestInit & { duplex: 'half' });
  } catch (error) {
    // The browser went away: nobody is left to read an answer.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return unreachable(error);
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: forwardResponseHeaders(upstream.headers),
  });
}

function unreachable(error: unknown): Response {
  const detail =
    `The console could not connect to the control plane (${describeNetworkError(error)}). ` +
    'Check that it is running and that PODIUM_CONTROL_PLANE_URL points at it.';
  return problemResponse(new AppError('CONTROL_PLANE_UNREACHABLE', detail).toProblem());
}
