import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The request and reply as guards, filters and handlers see them. The control plane runs Nest
 * on Fastify: Express re-parents every request and response object (`setPrototypeOf`), which
 * made V8 keep each request alive through a young-generation GC — megabytes copied per
 * scavenge, and the proxy benchmark's p99 was those pauses (bench/README.md).
 */
export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;
