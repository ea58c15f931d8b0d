import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type Config } from '../../config/config';

/**
 * Whether this replica is the deployment's recovery coordinator: the one that runs the
 * dead-executor sweeps, deadline timers and recovery passes (ExecutorRecoveryService). A lone
 * process always is. In replica mode it is the longest-running replica whose lease holds, as
 * ReplicaLeaseService reads the replicas table; two may both believe it for a moment (one whose
 * lease just passed), which is why every step they take is a conditional update.
 */
@Injectable()
export class ReplicaRole {
  private coordinator: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(@Inject(CONFIG) config: Config) {
    this.coordinator = config.redis === null;
  }

  get isCoordinator(): boolean {
    return this.coordinator;
  }

  /** Set from the lease table; becoming coordinator tells the listeners. */
  setCoordinator(coordinator: boolean): void {
    const became = coordinator && !this.coordinator;
    this.coordinator = coordinator;
    if (became) for (const listener of this.listeners) listener();
  }

  /** Runs `listener` whenever this replica becomes coordinator; returns the unsubscribe. */
  onBecameCoordinator(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
