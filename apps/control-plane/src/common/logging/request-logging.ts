import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { RedactUrl } from './redact';

const REQUEST_ID = /^[\w-]{1,64}$/;

/** The caller's `X-Request-Id` when it is a sane token, else a fresh one (Fastify's `genReqId`). */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** One log line per HTTP request (key-free URL), and the request id echoed as `x-request-id`. */
export function installRequestLogging(
  fastify: FastifyInstance,
  logger: Logger,
  redactUrl: RedactUrl,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // Below `info` there is no line to write: skip building it.
    if (logger.isLevelEnabled('info')) {
      logger.info(
        {
          requestId: request.id,
          method: request.method,
          url: redactUrl(request.originalUrl),
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 10) / 10,
        },
        'http request',
      );
    }
    done();
  });
}
