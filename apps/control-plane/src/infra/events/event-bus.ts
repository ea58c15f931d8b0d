import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/** Everything modules announce to each other. */
export interface DomainEvents {
  /** A key was revoked: links authenticated with it must close. */
  'api-key.revoked': { organizationId: string; apiKeyId: string };
}

/**
 * In-process publish/subscribe between modules. A single control plane needs no
 * more; replicas will bridge it over Redis (same interface).
 */
@Injectable()
export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    this.emitter.emit(event, payload);
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
