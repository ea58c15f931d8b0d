import type { Duplex } from 'node:stream';
import { AppError, type ErrorCode } from '@podium/protocol';
import { rawProblemResponse } from '../../../common/errors/problem-response';

/** Answers an upgrade request with a plain HTTP error (RFC 9457 body) and closes the socket. */
export function refuseUpgrade(socket: Duplex, code: ErrorCode, detail: string): void {
  if (socket.destroyed) return;
  socket.end(rawProblemResponse(new AppError(code, detail)));
}
