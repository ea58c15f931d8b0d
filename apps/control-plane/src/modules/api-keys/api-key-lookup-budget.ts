import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import type { Logger } from 'pino';
import { TtlCache } from '../../common/cache/ttl-cache';
import { LogThrottle, suppressedField } from '../../common/logging/log-throttle';
import { LOGGER } from '../../common/logging/logging.tokens';
import { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import type { ApiKeyRecord } from './api-keys.repository';

/**
 * Holds lookups of API keys to their client address's budget (AuthAttemptLimiter), so guessing
 * keys cannot become database reads, without locking out keys in use:
 * - a key used validly here in the last ten minutes is known and skips the budget, so a guesser
 *   sharing its address (a NAT, a proxy not trusted as it should be) cannot lock it out; its
 *   lookup still runs, so revocation and expiry apply;
 * - requests from one address with one key not yet known share one budgeted lookup until it is
 *   known (an executor fleet behind one address dialing at once costs one place);
 * - when the budget's store (Redis) fails, lookups go through, with a warning.
 */
@Injectable()
export class ApiKeyLookupBudget {
  private readonly known = new TtlCache<string, true>(10 * 60_000);
  /** Budgeted lookups under way, by key hash and address. */
  private readonly lookups = new Map<string, Promise<ApiKeyRecord | null>>();
  /** The budget's store failing: a few lines a minute. */
  private readonly unavailableLog = new LogThrottle();

  constructor(
    private readonly limiter: AuthAttemptLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  isKnown(hash: string, at: number): boolean {
    return this.known.get(hash, at) === true;
  }

  /** A key found live: known for ten minutes from its latest use. */
  markValid(hash: string, at: number): void {
    this.known.set(hash, true, at);
  }

  /**
   * `load`s a key not known, within `from`'s budget (past it, RATE_LIMITED and no load), once for
   * every request from there with that key meanwhile; one `isValid` says is known before the
   * next request can ask.
   */
  lookUp(
    hash: string,
    from: string,
    at: number,
    load: () => Promise<ApiKeyRecord | null>,
    isValid: (key: ApiKeyRecord) => boolean,
  ): Promise<ApiKeyRecord | null> {
    const shared = `${hash}\n${from}`;
    let lookup = this.lookups.get(shared);
    if (!lookup) {
      lookup = this.count(from)
        .then(load)
        .then((key) => {
          if (key && isValid(key)) this.markValid(hash, at);
          return key;
        })
        .finally(() => this.lookups.delete(shared));
      this.lookups.set(shared, lookup);
    }
    return lookup;
  }

  /** Counts a lookup against `from`'s budget; when the budget's store fails, lets it through. */
  private async count(from: string): Promise<void> {
    try {
      await this.limiter.beginKeyLookup(from);
    } catch (error) {
      if (AppError.is(error)) throw error;
      const admitted = this.unavailableLog.admit('unavailable');
      if (admitted) {
        this.logger.warn(
          { err: String(error), ...suppressedField(admitted) },
          'API key lookups go unlimited: their per-address budget could not be read',
        );
      }
    }
  }
}
