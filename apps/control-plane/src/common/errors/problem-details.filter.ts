import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
} from '@nestjs/common';
import { AppError, PROBLEM_CONTENT_TYPE, errorCodeForStatus } from '@podium/protocol';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logging.tokens';
import { redactUrl } from '../logging/redact';

/**
 * Every HTTP error leaves as an RFC 9457 problem (application/problem+json) with
 * a stable `code` from the protocol's error table. Services throw AppError;
 * framework exceptions (unknown route, body too large) are mapped by status;
 * anything else is a 500 whose details stay in the log.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const error = this.toAppError(exception, req);
    if (res.headersSent) return;
    // RATE_LIMITED (and any other error that knows) tells the client when to try again.
    const retryAfter = error.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res
      .status(error.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(error.toProblem(redactUrl(req.originalUrl))));
  }

  private toAppError(exception: unknown, req: Request): AppError {
    if (AppError.is(exception)) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail =
        status === 404 ? `No route for ${req.method} ${redactUrl(req.path)}.` : exception.message;
      return new AppError(errorCodeForStatus(status), detail);
    }
    this.logger.error(
      {
        err: exception instanceof Error ? exception.stack : String(exception),
        url: redactUrl(req.originalUrl),
      },
      'unhandled error',
    );
    return new AppError('INTERNAL', 'Something went wrong on our side; it has been logged.');
  }
}
