import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { requestContext } from '../auth/request-context';
import { nestPath } from '../routes/route.decorator';
import { LargeBodySlots } from './large-body-slots';
import type { RouteSpec } from '../routes/route-spec';

/** Who the caller is, or a rejection (UNAUTHENTICATED): the authentication guard's check. */
export type Authenticate = (request: FastifyRequest) => Promise<Principal>;

/**
 * Gives the routes whose spec says `executorSizedBody` a body limit of `limitBytes` instead of
 * Fastify's 1 MiB (anything larger is still a 413 problem), and authenticates their callers
 * before the body is read: guards run only after it, and a body this size must not be read
 * (and held, raw and parsed) for anyone who can open a connection — only for a signed-in user
 * or a live API key, and only so many at once (LargeBodySlots). Must run before Nest registers
 * its routes (at `listen`): Fastify reads a route's limit and hooks when it is added.
 */
export function installExecutorSizedBodies(
  fastify: FastifyInstance,
  routes: readonly RouteSpec[],
  limitBytes: number,
  authenticate: Authenticate,
): void {
  const sized = new Set(
    routes
      .filter((route) => route.executorSizedBody)
      .map((route) => `${route.method.toUpperCase()} ${nestPath(route.path)}`),
  );
  const slots = new LargeBodySlots();
  // The guard finds the caller in the request context and does not ask again. Still only a
  // caller, not yet a member of the route's organization: that check follows the body.
  const authenticateFirst = async (request: FastifyRequest, reply: FastifyReply) => {
    requestContext(request).principal = await authenticate(request);
    // Held until the answer has gone (or the client has): the body lives that long.
    reply.raw.once('close', slots.take(request.headers['content-length']));
  };
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((method) => sized.has(`${method} ${route.url}`))) {
      route.bodyLimit = limitBytes;
      route.onRequest = [...hooksOf(route.onRequest), authenticateFirst];
    }
  });
}

function hooksOf<H>(hooks: H | H[] | undefined): H[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
