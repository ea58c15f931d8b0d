import type { FastifyInstance } from 'fastify';
import { nestPath } from '../routes/route.decorator';
import type { RouteSpec } from '../routes/route-spec';

/**
 * Gives the routes whose spec says `executorSizedBody` a body limit of `limitBytes` instead of
 * Fastify's 1 MiB (anything larger is still a 413 problem). Must run before Nest registers its
 * routes (at `listen`): Fastify reads a route's limit when the route is added.
 */
export function installRouteBodyLimits(
  fastify: FastifyInstance,
  routes: readonly RouteSpec[],
  limitBytes: number,
): void {
  const sized = new Set(
    routes
      .filter((route) => route.executorSizedBody)
      .map((route) => `${route.method.toUpperCase()} ${nestPath(route.path)}`),
  );
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((method) => sized.has(`${method} ${route.url}`))) {
      route.bodyLimit = limitBytes;
    }
  });
}
