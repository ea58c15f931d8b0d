import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
// The executors' one shape, defined where executors live; the catalogue below names it.
import type { ExecutorSnapshot } from '../../modules/executors/executor-snapshot';
import { Transactions } from '../database/transactions';

/** Everything modules announce to each other. */
export interface DomainEvents {
  /** A key was revoked: links authenticated with it must close. */
  'api-key.revoked': { organizationId: string; apiKeyId: string };
  /** A console session ended (sign-out, or refresh-token theft): its live streams must close. */
  'session.ended': { sessionId: string };
  /** A member left or was removed: their live streams of that organization must close. */
  'member.removed': { organizationId: string; userId: string };
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
}

/**
 * In-process publish/subscribe between modules. A single control plane needs no
 * more; replicas will bridge it over Redis (same interface). Events announce committed
 * changes: one emitted inside a transaction is delivered once it commits, never if it rolls
 * back (a link closed for a revocation that did not happen would redial into a valid key).
 */
@Injectable()
export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly transactions: Transactions) {
    // Every open live stream (GET .../events) listens: no fixed ceiling on listeners.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    this.transactions.afterCommit(() => this.emitter.emit(event, payload));
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof DomainEvents>(
    event: K,
    listener: (payload: DomainEvents[K]) => void,
  ): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
