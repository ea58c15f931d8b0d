import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * Where the request being handled comes from, for anything deep in a service that must say so
 * (the audit log's `sourceIp`) without threading the request through every call.
 */
interface RequestOrigin {
  /** From X-Forwarded-For only when the peer is trusted (config `http.trustProxy`). */
  readonly sourceIp: string;
}

const origin = new AsyncLocalStorage<RequestOrigin>();

/** Runs each request's handling (guards, pipes, handler and what it awaits) with its origin. */
export function installRequestOrigin(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    origin.run({ sourceIp: request.ip }, done);
  });
}

/** The address of the caller being served; empty outside a request (the control plane's own work). */
export function currentSourceIp(): string {
  return origin.getStore()?.sourceIp ?? '';
}
