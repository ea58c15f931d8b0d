import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { HttpReply, HttpRequest } from '../http/http';
import type { RedactUrl } from './redact';

const REQUEST_ID = /^[\w-]{1,64}$/;

/** The caller's `X-Request-Id` when it is a sane token, else a fresh one (Fastify's `genReqId`). */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** One log line per HTTP request (key-free URL), and the request id echoed as `x-request-id`. */
export class RequestLog {
  constructor(
    private readonly logger: Logger,
    private readonly redactUrl: RedactUrl,
  ) {}

  /** Fastify hooks: every request that reaches the router's routes or its not-found handler. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      this.echoRequestId(request, reply);
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.write(request, reply);
      done();
    });
  }

  /** The same for a reply Fastify builds outside its routes, where no hook runs. */
  follow(request: HttpRequest, reply: HttpReply): void {
    this.echoRequestId(request, reply);
    reply.raw.once('close', () => this.write(request, reply));
  }

  private echoRequestId(request: HttpRequest, reply: HttpReply): void {
    void reply.header('x-request-id', request.id);
  }

  private write(request: HttpRequest, reply: HttpReply): void {
    // Below `info` there is no line to write: skip building it.
    if (!this.logger.isLevelEnabled('info')) return;
    this.logger.info(
      {
        requestId: request.id,
        method: request.method,
        url: this.redactUrl(request.originalUrl),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'http request',
    );
  }
}
