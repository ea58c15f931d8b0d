import { EventEmitter } from 'node:events';
import {
  Inject,
  Injectable,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
// The executors' one shape, defined where executors live; the catalogue below names it.
import type { ExecutorSnapshot } from '../../modules/executors/executor-snapshot';
import { Transactions } from '../database/transactions';
import { EVENT_RELAY, type EventRelay } from './event-relay';

/** Everything modules announce to each other. */
export interface DomainEvents {
  /** A key was revoked: links authenticated with it must close. */
  'api-key.revoked': { organizationId: string; apiKeyId: string };
  /**
   * A console session ended (sign-out, ended from the user's list, another session's password
   * change, or refresh-token theft): its live streams must close.
   */
  'session.ended': { sessionId: string };
  /** A member left or was removed: their live streams of that organization must close. */
  'member.removed': { organizationId: string; userId: string };
  /** An organization was renamed or its settings changed: cached copies are stale. */
  'organization.updated': { organizationId: string };
  /** An application's settings changed: cached copies of its record are stale. */
  'application.updated': { organizationId: string; applicationId: string };
  /** An application was deleted: its executors' links must close. */
  'application.deleted': { organizationId: string; applicationId: string };
  /** An executor answered executor_info and is now reachable through the proxy. */
  'executor.connected': ExecutorSnapshot;
  /** An executor's link closed (its record says DISCONNECTED by now). */
  'executor.disconnected': ExecutorSnapshot;
  /** A disconnected executor stayed away past its application's grace period (its record). */
  'executor.dead': ExecutorSnapshot;
  /** None of a dead executor's workflows is PENDING any more (recovered, or there were none). */
  'executor.recovered': ExecutorSnapshot;
  /** `recovery` was sent for a dead executor and failed (it is retried later). */
  'executor.recovery-failed': ExecutorSnapshot & { readonly error: string };
}

/**
 * Publish/subscribe between modules, across replicas. Events announce committed changes: one
 * emitted inside a transaction is delivered once it commits, never if it rolls back (a link
 * closed for a revocation that did not happen would redial into a valid key).
 *
 * Alone, it is in-process. In replica mode an `EventRelay` (Redis) also sends every event to
 * the other replicas, which deliver it to their own listeners: a revocation on one replica
 * closes links on all, and every live stream sees every replica's executors. Listeners hear
 * an event once per replica, so what must happen once per deployment is guarded by the
 * database (conditional updates), not by hearing the event once.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnModuleDestroy {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor(
    private readonly transactions: Transactions,
    @Optional() @Inject(EVENT_RELAY) private readonly relay?: EventRelay | null,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    // Every open live stream (GET .../events) listens: no fixed ceiling on listeners.
    this.emitter.setMaxListeners(0);
  }

  async onModuleInit() {
    await this.relay?.start((event, payload) => this.deliverRemote(event, payload));
  }

  async onModuleDestroy() {
    await this.relay?.stop();
  }

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    this.transactions.afterCommit(() => {
      this.relay?.publish(event, payload);
      this.emitter.emit(event, payload);
    });
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof DomainEvents>(
    event: K,
    listener: (payload: DomainEvents[K]) => void,
  ): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Another replica's event, delivered to the listeners here as if emitted here. */
  private deliverRemote(event: string, payload: unknown) {
    try {
      this.emitter.emit(event, payload);
    } catch (error) {
      this.logger?.error({ event, err: String(error) }, 'a listener failed on a relayed event');
    }
  }
}
