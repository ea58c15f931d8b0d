import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { REDACTED, REDACTED_LOG_PATHS } from './redact';

/** The process logger: JSON lines on stdout, object first (`log.info({ id }, 'msg')`). */
export function createLogger(level: LevelWithSilent): Logger {
  return pino({
    level,
    base: { service: 'podium-control-plane' },
    redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Routes Nest's own framework logs (bootstrap, routes, exceptions) through pino. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
