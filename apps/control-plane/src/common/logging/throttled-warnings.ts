import type { Logger } from 'pino';
import { LogThrottle, suppressedField } from './log-throttle';

/**
 * Warnings that may repeat in a loop (a peer sending junk, Redis away): each message is
 * written a few times a minute, the next one saying how many were left out (LogThrottle).
 */
export class ThrottledWarnings {
  private readonly throttle = new LogThrottle();

  constructor(private readonly logger: Logger) {}

  warn(message: string, error?: unknown, fields: Record<string, unknown> = {}): void {
    const admitted = this.throttle.admit(message);
    if (!admitted) return;
    this.logger.warn(
      {
        ...fields,
        ...(error !== undefined && { err: describe(error) }),
        ...suppressedField(admitted),
      },
      message,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}
