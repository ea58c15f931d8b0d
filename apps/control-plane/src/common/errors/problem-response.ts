import { STATUS_CODES } from 'node:http';
import { type AppError, PROBLEM_CONTENT_TYPE } from '@podium/protocol';
import type { HttpReply } from '../http/http';

/**
 * The two ways a problem leaves the server: on a Fastify reply, or written whole onto a socket
 * that has none (a refused WebSocket upgrade, a request the HTTP parser could not read).
 */

/** Sends `error` as an RFC 9457 problem; `instance` must already be redacted. */
export function sendProblem(reply: HttpReply, error: AppError, instance?: string): void {
  // RATE_LIMITED (and any other error that knows) tells the client when to try again.
  const retryAfter = error.extra?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
  void reply
    .status(error.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(error.toProblem(instance)));
}

/** A complete HTTP/1.1 response carrying `error`, closing the connection. */
export function rawProblemResponse(
  error: AppError,
  headers: Readonly<Record<string, string>> = {},
): string {
  const body = JSON.stringify(error.toProblem());
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return (
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    extra.join('') +
    'Connection: close\r\n\r\n' +
    body
  );
}
