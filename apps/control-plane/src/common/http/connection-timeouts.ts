import type { ServerOptions } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { HttpTimeouts } from '../../config/config';

/**
 * Socket timeouts, so idle or trickling clients cannot hold connections open forever, while
 * nothing legitimate and long is cut:
 *
 * - idle: Node's socket inactivity timeout (`server.timeout`) closes a connection that stays
 *   silent with no request in progress: a new one that never sends, a half-sent request, a
 *   keep-alive one between requests (`keepAliveTimeout`, the same value).
 * - headers / request: the most a client may take to send the headers, and the whole request,
 *   even if it keeps trickling bytes (408, checked every `connectionsCheckingInterval`).
 * - Once a request is read, the server is the slow party: the inactivity timeout is lifted
 *   until the response is done (Node re-arms the keep-alive one then). Slow executor commands,
 *   bulk actions and SSE streams run in that window. Upgraded WebSockets are ws's sockets: it
 *   lifts the timeout on upgrade and keeps links alive with its own pings.
 */
export function connectionTimeoutOptions(timeouts: HttpTimeouts): Pick<
  FastifyServerOptions,
  'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout'
> & {
  http: ServerOptions;
} {
  return {
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node checks the two deadlines on this period (30 s by default): a tenth of the shorter
      // keeps them accurate without a busy timer.
      connectionsCheckingInterval: Math.max(50, Math.round(timeouts.headersMs / 10)),
    },
  };
}

/** Lifts the inactivity timeout while the server handles a request that has been read. */
export function installHandlingWithoutIdleTimeout(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    request.raw.socket.setTimeout(0);
    done();
  });
}
