import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, type ErrorCode } from '@podium/protocol';
import { rawProblemResponse } from '../../../common/errors/problem-response';

/** The WebSocket versions ws speaks (RFC 6455's 13, and draft 8). */
const WEBSOCKET_VERSIONS = '13, 8';
/** ws's message when the version is what it refused (checked after method, upgrade and key). */
const VERSION_REFUSAL = 'Missing or invalid Sec-WebSocket-Version header';

/** Answers an upgrade request with a plain HTTP error (RFC 9457 body) and closes the socket. */
export function refuseUpgrade(
  socket: Duplex,
  code: ErrorCode,
  detail: string,
  headers?: Readonly<Record<string, string>>,
): void {
  if (socket.destroyed) return;
  socket.end(rawProblemResponse(new AppError(code, detail), headers));
}

/**
 * Answers a handshake ws refused (its `wsClientError`) with a problem, keeping what RFC 6455 and
 * RFC 9110 ask of the refusal: a method other than GET is 405 with `Allow`, a version refusal
 * names the versions spoken (`Sec-WebSocket-Version`), anything else is 400.
 */
export function refuseHandshake(socket: Duplex, req: IncomingMessage, error: Error): void {
  const detail = `Not a WebSocket handshake: ${error.message}`;
  if (req.method !== 'GET') {
    return refuseUpgrade(socket, 'METHOD_NOT_ALLOWED', detail, { Allow: 'GET' });
  }
  const headers =
    error.message === VERSION_REFUSAL ? { 'Sec-WebSocket-Version': WEBSOCKET_VERSIONS } : undefined;
  refuseUpgrade(socket, 'MALFORMED_REQUEST', detail, headers);
}
