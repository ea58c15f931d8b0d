import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import type { LogFormat } from './log-format';
import { prettyDestination } from './pretty-log';
import { REDACTED, REDACTED_LOG_PATHS } from './redact';

/**
 * The process logger, object first (`log.info({ id }, 'msg')`), on stdout: pino JSON lines, or
 * the same records as readable lines (`pretty`, for a terminal).
 */
export function createLogger(level: LevelWithSilent, format: LogFormat = 'json'): Logger {
  const options = {
    level,
    base: { service: 'podium-control-plane' },
    redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (format === 'json') return pino(options);
  return pino(
    options,
    prettyDestination(process.stdout, { colors: process.stdout.isTTY === true }),
  );
}

/**
 * Nest's start-up chatter: a line per module initialised and per route mapped (about a hundred),
 * useful when debugging the wiring, noise otherwise.
 */
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Routes Nest's own framework logs (bootstrap, routes, exceptions) through pino. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context !== undefined && WIRING_CONTEXTS.has(context)) {
      this.logger.debug({ context }, String(message));
      return;
    }
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
