import type { Socket } from 'node:net';
import type { FastifyError, FastifyServerOptions } from 'fastify';
import { AppError, errorCodeForStatus } from '@podium/protocol';
import type { HttpReply, HttpRequest } from '../http/http';
import type { RedactUrl } from '../logging/redact';
import type { RequestLog } from '../logging/request-logging';
import { rawProblemResponse, sendProblem } from './problem-response';

/**
 * Fastify answers some requests before Nest sees them, in its own JSON: a URL the router
 * cannot decode or a path segment over its length limit (`frameworkErrors`), and bytes the HTTP
 * parser cannot read or that arrive too slowly (`clientErrorHandler`). These give the same RFC
 * 9457 problems as ProblemDetailsFilter. Fastify's messages quote the raw path, which may carry
 * an executor key, so none of them is passed on.
 */
export function frameworkErrorOptions(options: {
  redactUrl: RedactUrl;
  requestLog: RequestLog;
  maxParamLength: number;
}): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  const { redactUrl, requestLog, maxParamLength } = options;
  return {
    frameworkErrors(error: FastifyError, request: HttpRequest, reply: HttpReply) {
      requestLog.follow(request, reply);
      sendProblem(reply, routingFailure(error, maxParamLength), redactUrl(request.originalUrl));
    },
    clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
      // A reset peer hears nothing; nor does one whose response is already under way.
      const httpMessage = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })
        ._httpMessage;
      if (error.code === 'ECONNRESET' || socket.destroyed || httpMessage?.headersSent) {
        socket.destroy();
        return;
      }
      if (socket.writable) socket.write(rawProblemResponse(connectionFailure(error.code)));
      socket.destroy();
    },
  };
}

function routingFailure(error: FastifyError, maxParamLength: number): AppError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new AppError(
        'MALFORMED_REQUEST',
        'The URL is not valid: a percent-encoded part does not decode to UTF-8 text.',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(
        'URI_TOO_LONG',
        `A path segment of the URL is longer than ${maxParamLength} characters.`,
      );
    default:
      return new AppError(errorCodeForStatus(error.statusCode ?? 500));
  }
}

function connectionFailure(code: string | undefined): AppError {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new AppError('REQUEST_TIMEOUT', 'The request was not sent in time.');
    case 'HPE_HEADER_OVERFLOW':
      return new AppError('HEADERS_TOO_LARGE', 'The request headers are over the size limit.');
    default:
      return new AppError('MALFORMED_REQUEST', 'The request is not valid HTTP/1.1.');
  }
}
