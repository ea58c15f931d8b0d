import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { EventBus } from '../../../infra/events/event-bus';
import { CoordinatorSchedule } from '../../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../../infra/replica/replica-role';
import { DeadExecutorRecoverer } from './dead-executor-recoverer';
import { ExecutorRegistry } from '../executor-registry';
import type { ExecutorSnapshot } from '../executor-snapshot';
import {
  type ExecutorRecord,
  ExecutorsRepository,
  type GracedExecutorRecord,
} from '../executors.repository';
import { MAX_TIMER_MS } from '../../../common/time/run-at';
import { CoalescedRuns } from '../../../common/concurrency/coalesced-runs';
import { deadlineOf } from './recovery-schedule';

/**
 * Dead-executor recovery: a crashed executor's PENDING workflows are handed to a live executor
 * of the same application version (DBOS executors with a conductor never recover on their own,
 * and a new process has a new executor id). The product's core promise. This service decides
 * when; DeadExecutorRecoverer does it. Invariants:
 *
 * - State lives in the executors table, never only in memory: CONNECTED → (link closes)
 *   DISCONNECTED at t0 → back to CONNECTED if the same executor id reconnects before
 *   t0 + grace, else DEAD (`deadAt`) → recovered (`recoveredAt`, the row stays as history).
 *   Timers only wake us at a deadline; the periodic sweep re-derives every deadline from the
 *   table, so a restart or a lost timer delays nothing by more than one sweep.
 * - The grace period is the application's, read whenever a deadline is checked.
 * - A dead executor is tried when declared dead, when an executor of its version connects
 *   (one pass per version for a burst of connections: executor churn must not multiply the
 *   work), and at sweeps (backing off while it fails). A pass or sweep leaves an application
 *   alone as soon as none of its executors answers.
 *
 * - Replicas: sweeps, deadline timers and passes run on the recovery coordinator only
 *   (ReplicaRole: the longest-running replica whose lease holds; a lone process always is),
 *   which hears every replica's executor events. When the role passes to this replica it
 *   sweeps at once, re-deriving every deadline from the table. Two replicas may act at once
 *   for a moment (one whose lease just passed); `markDead` is a compare-and-set and every
 *   recovery attempt is claimed in the table first (DeadExecutorRecoverer), so an executor is
 *   declared dead once and recovered by one replica.
 *
 * It acts on every application's executors. At its first sweep it disconnects rows left
 * CONNECTED with no replica (orphans: their process is gone without recording the end), as of
 * its own start. The executors of a replica whose lease passed are adopted by
 * ReplicaFailoverService, not here.
 */
/**
 * How long connections of one version are gathered into one recovery pass. Short next to any
 * grace period; long enough that a deploy's burst of connections makes one pass.
 */
export const RECOVERY_PASS_DELAY_MS = 500;

@Injectable()
export class ExecutorRecoveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly startedAt = new Date();
  private readonly logger: Logger;
  private readonly unsubscribers: Array<() => void>;
  /** Deadline timers by `applicationId/executorId`. */
  private readonly wakeups = new Map<string, NodeJS.Timeout>();
  /** Connections trigger passes per application version, coalesced (see CoalescedRuns). */
  private readonly passes = new CoalescedRuns(RECOVERY_PASS_DELAY_MS);
  private readonly sweeps: CoordinatorSchedule;
  private orphansReconciled = false;
  private stopped = false;

  constructor(
    private readonly executors: ExecutorsRepository,
    private readonly registry: ExecutorRegistry,
    private readonly recoverer: DeadExecutorRecoverer,
    private readonly events: EventBus,
    private readonly role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'executor-recovery' });
    this.sweeps = new CoordinatorSchedule(role, this.logger, 'recovery sweep');
    this.unsubscribers = [
      events.on('executor.disconnected', (event) => this.onDisconnected(event)),
      events.on('executor.connected', (event) => this.onConnected(event)),
      role.onBecameCoordinator(() => void this.sweep()),
    ];
  }

  onApplicationBootstrap() {
    this.sweeps.every(this.config.executors.recoverySweepMs, () => this.runSweep());
    if (this.role.isCoordinator) void this.sweep();
  }

  // First thing at shutdown (before links close): the disconnections a stopping control plane
  // records are for the next one, or another replica, to follow up.
  onModuleDestroy() {
    this.stopped = true;
    this.recoverer.stop();
    this.sweeps.stop();
    this.passes.stop();
    for (const timer of this.wakeups.values()) clearTimeout(timer);
    this.wakeups.clear();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /**
   * One pass over the table: disconnects orphaned CONNECTED rows (the first time), declares
   * overdue executors dead (and schedules the others' deadlines), and retries the recoveries still pending.
   * Passes never overlap. Timers call it on the coordinator only; called directly it runs
   * anyway (what it does is guarded by the table).
   */
  sweep(): Promise<void> {
    return this.sweeps.run(() => this.runSweep());
  }

  private async runSweep(): Promise<void> {
    if (!this.orphansReconciled) {
      // As of our start: they have not been heard from since, at least.
      const count = await this.executors.disconnectOrphans(this.startedAt, this.startedAt);
      this.orphansReconciled = true;
      if (count > 0) {
        this.logger.info(
          { count, disconnectedAt: this.startedAt },
          'executors left CONNECTED with no control plane marked disconnected',
        );
      }
    }
    for (const record of await this.executors.findDisconnected()) {
      if (this.stopped) return;
      await this.reachDeadline(record);
    }
    const unreachable = new Set<string>();
    const awaiting = await this.executors.findUnrecovered();
    // Retry waits of executors that left the list another way (reconnected, recovered by
    // another replica, deleted with their application) are forgotten.
    this.recoverer.forgetAllBut(new Set(awaiting.map((record) => record.id)));
    for (const record of awaiting) {
      if (this.stopped) return;
      if (unreachable.has(record.applicationId)) continue;
      if ((await this.recoverer.recover(record, false)) === 'unreachable') {
        unreachable.add(record.applicationId);
      }
    }
  }

  private onDisconnected(event: ExecutorSnapshot) {
    if (!this.role.isCoordinator) return;
    // Emitted once the row says DISCONNECTED: its deadline can be read back.
    this.checkDeadline(event.applicationId, event.executorId);
  }

  private onConnected(event: ExecutorSnapshot) {
    const key = wakeupKey(event.applicationId, event.executorId);
    clearTimeout(this.wakeups.get(key));
    this.wakeups.delete(key);
    if (!this.role.isCoordinator) return;
    // A live executor of this version can recover the dead ones of this version: soon.
    this.passes.request(`${event.applicationId}/${event.applicationVersion}`, () =>
      this.recoverVersion(event.applicationId, event.applicationVersion),
    );
  }

  /**
   * One pass over the dead executors of an application version, in order, until done or
   * until nobody answers (the rest would fail the same way).
   */
  private async recoverVersion(applicationId: string, applicationVersion: string) {
    try {
      const records = await this.executors.findUnrecovered({ applicationId, applicationVersion });
      for (const record of records) {
        if (this.stopped) return;
        if ((await this.recoverer.recover(record, true)) === 'unreachable') return;
      }
    } catch (error) {
      this.logger.warn(
        { applicationId, err: String(error) },
        'could not look for dead executors to recover',
      );
    }
  }

  private checkDeadline(applicationId: string, executorId: string) {
    if (this.stopped) return;
    this.executors
      .findDisconnected({ applicationId, executorId })
      .then(async (records) => {
        for (const record of records) await this.reachDeadline(record);
      })
      .catch((error: unknown) =>
        this.logger.warn(
          { applicationId, executorId, err: String(error) },
          'could not check a disconnected executor: the next sweep will',
        ),
      );
  }

  /** Declares the executor dead if its deadline passed (then recovers it), else sets a timer. */
  private async reachDeadline(record: GracedExecutorRecord): Promise<void> {
    const { disconnectedAt } = record;
    if (
      !disconnectedAt ||
      this.stopped ||
      this.registry.isLinked(record.applicationId, record.executorId)
    )
      return;
    const deadline = deadlineOf({ disconnectedAt, gracePeriodSeconds: record.gracePeriodSeconds });
    const remainingMs = deadline - Date.now();
    if (remainingMs > 0) return this.wakeAt(record, remainingMs);
    const dead = await this.executors.markDead(record.id, disconnectedAt, new Date());
    if (!dead?.deadAt) return; // reconnected, or declared dead by a concurrent check
    this.logger.info(
      {
        executorId: dead.executorId,
        applicationId: dead.applicationId,
        version: dead.applicationVersion,
        disconnectedAt,
        gracePeriodSeconds: record.gracePeriodSeconds,
      },
      'executor declared dead',
    );
    this.events.emit('executor.dead', dead);
    await this.recoverer.recover(dead, true);
  }

  private wakeAt(record: ExecutorRecord, delayMs: number) {
    const key = wakeupKey(record.applicationId, record.executorId);
    clearTimeout(this.wakeups.get(key));
    const timer = setTimeout(
      () => {
        this.wakeups.delete(key);
        if (this.role.isCoordinator) this.checkDeadline(record.applicationId, record.executorId);
      },
      Math.min(delayMs, MAX_TIMER_MS),
    );
    timer.unref();
    this.wakeups.set(key, timer);
  }
}

function wakeupKey(applicationId: string, executorId: string): string {
  return `${applicationId}/${executorId}`;
}
