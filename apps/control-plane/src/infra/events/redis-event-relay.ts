import type { Logger } from 'pino';
import { ThrottledWarnings } from '../../common/logging/throttled-warnings';
import type { RedisConnections } from '../redis/redis-connections';
import { decodeWithDates, encodeWithDates } from './event-codec';
import type { EventRelay } from './event-relay';

interface RelayedEvent {
  /** The replica that emitted it (its own copy is not re-emitted). */
  readonly origin: string;
  readonly event: string;
  readonly payload: unknown;
}

/**
 * Events between replicas over one Redis pub/sub channel (`<namespace>:events`): every event
 * a replica emits is published with its origin, and every replica re-emits the others'.
 * Payloads are small (ids and executor snapshots). Delivery is at most once (a replica whose
 * subscriber is reconnecting misses what is published meanwhile), so what an event triggers
 * has a backstop: live streams re-check access, links re-read their key when they attach.
 */
export class RedisEventRelay implements EventRelay {
  private readonly channel: string;
  private readonly warnings: ThrottledWarnings;

  constructor(
    private readonly redis: RedisConnections,
    private readonly replicaId: string,
    logger: Logger,
  ) {
    this.warnings = new ThrottledWarnings(logger);
    this.channel = redis.key('events');
  }

  async start(receive: (event: string, payload: unknown) => void): Promise<void> {
    await this.redis.subscribe(this.channel, (message) => {
      let relayed: RelayedEvent;
      try {
        relayed = decodeWithDates(message) as RelayedEvent;
      } catch (error) {
        return this.warnings.warn('unreadable event from another replica', error);
      }
      if (relayed.origin !== this.replicaId) receive(relayed.event, relayed.payload);
    });
  }

  publish(event: string, payload: unknown): void {
    const message = encodeWithDates({
      origin: this.replicaId,
      event,
      payload,
    } satisfies RelayedEvent);
    this.redis
      .publish(this.channel, message)
      .catch((error: unknown) =>
        this.warnings.warn(`event ${event} not sent to other replicas`, error),
      );
  }

  stop(): Promise<void> {
    return this.redis.unsubscribe(this.channel);
  }
}
