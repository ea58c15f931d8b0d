import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, PROBLEM_CONTENT_TYPE, type ErrorCode } from '@podium/protocol';

/** Answers an upgrade request with a plain HTTP error (RFC 9457 body) and closes the socket. */
export function refuseUpgrade(socket: Duplex, code: ErrorCode, detail: string): void {
  if (socket.destroyed) return;
  const error = new AppError(code, detail);
  const body = JSON.stringify(error.toProblem());
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
