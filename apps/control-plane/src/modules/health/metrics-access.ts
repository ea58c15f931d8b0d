import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import { CONFIG, type Config } from '../../config/config';
import { bearerToken } from '../../common/auth/bearer';

/**
 * Who may read `/metrics`: anyone when PODIUM_METRICS_TOKEN is unset (process health, like
 * /healthz), else only a scraper sending it as a Bearer token. Compared in constant time.
 */
@Injectable()
export class MetricsAccess {
  private readonly expected: Buffer | null;

  constructor(@Inject(CONFIG) config: Config) {
    this.expected = config.metrics.token === null ? null : digest(config.metrics.token);
  }

  assertAllowed(authorization: string | undefined): void {
    if (this.expected === null) return;
    const token = bearerToken(authorization);
    if (token === undefined || !timingSafeEqual(digest(token), this.expected)) {
      throw new AppError('UNAUTHENTICATED', 'Send the metrics token as a Bearer token.');
    }
  }
}

/** Equal-length inputs for timingSafeEqual, whatever was sent. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
