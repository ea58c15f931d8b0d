import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
} from '@nestjs/common';
import { AppError, errorCodeForStatus } from '@podium/protocol';
import type { HttpReply, HttpRequest } from '../http/http';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logging.tokens';
import type { RedactUrl } from '../logging/redact';
import { requestContext } from '../auth/request-context';
import { AdminOnlyDetailError } from './admin-only-detail-error';
import { sendProblem } from './problem-response';

/**
 * Every HTTP error leaves as an RFC 9457 problem (application/problem+json) with
 * a stable `code` from the protocol's error table. Services throw AppError;
 * framework exceptions (unknown route, body too large) are mapped by status;
 * anything else is a 500 whose details stay in the log.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly redactUrl: RedactUrl,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const reply = http.getResponse<HttpReply>();
    const error = this.disclosed(this.toAppError(exception, req), req);
    if (reply.sent || reply.raw.headersSent) return;
    sendProblem(reply, error, this.redactUrl(req.originalUrl));
  }

  /** The error as this caller may see it (see AdminOnlyDetailError). */
  private disclosed(error: AppError, req: HttpRequest): AppError {
    if (!(error instanceof AdminOnlyDetailError)) return error;
    if (requestContext(req).permissions?.includes('organization.write')) return error;
    this.logger.warn(
      {
        requestId: req.id,
        code: error.code,
        detail: error.detail,
        url: this.redactUrl(req.originalUrl),
      },
      'error detail withheld from a caller without organization.write',
    );
    return error.withheld(req.id);
  }

  private toAppError(exception: unknown, req: HttpRequest): AppError {
    if (AppError.is(exception)) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail =
        status === 404
          ? `No route for ${req.method} ${this.redactUrl(req.url.split('?')[0] ?? '')}.`
          : exception.message;
      return new AppError(errorCodeForStatus(status), detail);
    }
    const rejected = requestRejection(exception);
    if (rejected) return rejected;
    this.logger.error(
      {
        err: exception instanceof Error ? exception.stack : String(exception),
        url: this.redactUrl(req.originalUrl),
      },
      'unhandled error',
    );
    return new AppError('INTERNAL', 'Something went wrong on our side; it has been logged.');
  }
}

/**
 * Fastify's own refusals before any handler runs (unreadable JSON, a body over the limit, an
 * unsupported content type) carry a 4xx `statusCode` and a message fit for the client.
 */
function requestRejection(exception: unknown): AppError | undefined {
  if (!(exception instanceof Error)) return undefined;
  const status = (exception as Error & { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return new AppError(errorCodeForStatus(status), exception.message);
}
