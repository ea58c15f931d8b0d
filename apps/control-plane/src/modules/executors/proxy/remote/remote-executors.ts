import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { TtlCache } from '../../../../common/cache/ttl-cache';
import { LOGGER } from '../../../../common/logging/logging.tokens';
import { ThrottledWarnings } from '../../../../common/logging/throttled-warnings';
import { EventBus } from '../../../../infra/events/event-bus';
import type { RedisConnections } from '../../../../infra/redis/redis-connections';
import { REDIS } from '../../../../infra/redis/redis.tokens';
import { ReplicaIdentity } from '../../../../infra/replica/replica-identity';
import { ExecutorsRepository, type RemoteExecutorRecord } from '../../executors.repository';
import type { CommandTarget } from '../command-target';
import { RemoteCommandClient } from './remote-command-client';

/**
 * How long a replica reuses its list of an application's executors on other replicas. Every
 * executor event, from any replica, drops the application's list at once; a stale entry costs
 * one "no open link here" from its owner (not delivered: the proxy goes on to the next).
 */
export const REMOTE_EXECUTORS_TTL_MS = 1_000;

const NONE: readonly CommandTarget[] = [];

const EXECUTOR_EVENTS = [
  'executor.connected',
  'executor.disconnected',
  'executor.dead',
  'executor.recovered',
] as const;

interface Listing {
  readonly applicationId: string;
  readonly targets: readonly CommandTarget[];
}

/**
 * An application's executors linked to other live replicas, from the shared executors table,
 * as command targets (RemoteCommandClient carries the commands). None when this process runs
 * alone.
 */
@Injectable()
export class RemoteExecutors implements OnModuleDestroy {
  private readonly listings = new TtlCache<string, Listing>(REMOTE_EXECUTORS_TTL_MS);
  private readonly unsubscribers: Array<() => void>;
  private readonly warnings: ThrottledWarnings;

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnections | null,
    private readonly executors: ExecutorsRepository,
    private readonly replica: ReplicaIdentity,
    private readonly client: RemoteCommandClient,
    events: EventBus,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.warnings = new ThrottledWarnings(logger);
    this.unsubscribers = redis
      ? EXECUTOR_EVENTS.map((event) =>
          events.on(event, ({ applicationId }) =>
            this.listings.deleteWhere((listing) => listing.applicationId === applicationId),
          ),
        )
      : [];
  }

  onModuleDestroy() {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /** Whether other replicas can hold links at all (replica mode). */
  get enabled(): boolean {
    return this.redis !== null;
  }

  /** Newest connection first; none when the table cannot be read (local links still serve). */
  async forApplication(applicationId: string): Promise<readonly CommandTarget[]> {
    if (!this.redis) return NONE;
    try {
      const listing = await this.listings.getOrLoad(applicationId, async () => {
        const records = await this.executors.findConnectedElsewhere(
          applicationId,
          this.replica.id,
          new Date(),
        );
        return { applicationId, targets: records.map((r) => this.targetOf(applicationId, r)) };
      });
      return listing?.targets ?? NONE;
    } catch (error) {
      this.warnings.warn('could not list executors linked to other replicas', error, {
        applicationId,
      });
      return NONE;
    }
  }

  private targetOf(applicationId: string, record: RemoteExecutorRecord): CommandTarget {
    const { replicaId, executorId, connectedAt, ...rest } = record;
    const owner = { replicaId, applicationId, executorId };
    return {
      identity: { executorId, ...rest },
      linkedAt: connectedAt,
      isOpen: () => true, // its owner knows; it says "not delivered" when the link is gone
      request: (type, fields, timeoutMs) => this.client.request(owner, type, fields, timeoutMs),
      logFields: { replicaId, executorId },
    };
  }
}
