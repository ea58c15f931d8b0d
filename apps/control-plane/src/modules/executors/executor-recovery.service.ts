import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppError } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import {
  EventBus,
  type ExecutorFateEvent,
  type ExecutorLinkEvent,
} from '../../infra/events/event-bus';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../audit/audit-actions';
import { AuditService, CONTROL_PLANE } from '../audit/audit.service';
import { ExecutorProxy } from './executor-proxy';
import { ExecutorRegistry, type ExecutorIdentity } from './executor-registry';
import {
  type ExecutorRecord,
  ExecutorsRepository,
  type GracedExecutorRecord,
} from './executors.repository';
import { deadlineOf, MAX_TIMER_MS, RetrySchedule } from './recovery-schedule';

/** Longest wait between two sweeps' tries at one dead executor. */
const MAX_RETRY_MS = 10 * 60_000;

/** `done`: recovered, or nothing left to do (it came back). */
type Outcome = 'done' | 'not-yet';

/**
 * Dead-executor recovery: a crashed executor's PENDING workflows are handed to a live executor
 * of the same application version (DBOS executors with a conductor never recover on their own,
 * and a new process has a new executor id). The product's core promise; its invariants:
 *
 * - State lives in the executors table, never only in memory: CONNECTED → (link closes)
 *   DISCONNECTED at t0 → back to CONNECTED if the same executor id reconnects before
 *   t0 + grace, else DEAD (`deadAt`) → recovered (`recoveredAt`, the row stays as history).
 *   Timers only wake us at a deadline; the periodic sweep re-derives every deadline from the
 *   table, so a restart or a lost timer delays nothing by more than one sweep.
 * - The grace period is the application's, read whenever a deadline is checked.
 * - Recovered means an executor answered `exist_pending_workflows: false` for the dead id and
 *   version. When something is pending, `recovery` goes only to an executor of that version
 *   (another version silently does nothing), never twice at once for one dead executor; no
 *   answer means "try again later", safe because recovery is idempotent.
 * - Every `recovery` sent is audited (actor: the control plane), whatever its outcome.
 *
 * Single replica: it acts on every application's executors, and at its first sweep takes
 * CONNECTED rows older than itself for links of a previous process.
 */
@Injectable()
export class ExecutorRecoveryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly startedAt = new Date();
  private readonly logger: Logger;
  private readonly unsubscribers: Array<() => void>;
  /** Deadline timers by `applicationId/executorId`. */
  private readonly wakeups = new Map<string, NodeJS.Timeout>();
  /** Dead executors (row ids) with an attempt under way; `again`: asked to retry once it ends. */
  private readonly attempts = new Map<string, { again: boolean }>();
  private readonly retries: RetrySchedule;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private leftoversReconciled = false;
  private stopped = false;

  constructor(
    private readonly executors: ExecutorsRepository,
    private readonly registry: ExecutorRegistry,
    private readonly proxy: ExecutorProxy,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'executor-recovery' });
    this.retries = new RetrySchedule(config.executors.recoverySweepMs, MAX_RETRY_MS);
    this.unsubscribers = [
      events.on('executor.disconnected', (event) => this.onDisconnected(event)),
      events.on('executor.connected', (event) => this.onConnected(event)),
    ];
  }

  onApplicationBootstrap() {
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.executors.recoverySweepMs);
    this.sweepTimer.unref();
    void this.sweep();
  }

  beforeApplicationShutdown() {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    for (const timer of this.wakeups.values()) clearTimeout(timer);
    this.wakeups.clear();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /**
   * One pass over the table: disconnects links left CONNECTED by a previous process (once),
   * declares overdue executors dead (and schedules the others' deadlines), and retries the
   * recoveries still pending. Passes never overlap.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep()
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error) }, 'recovery sweep failed: retrying at the next'),
      )
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async runSweep(): Promise<void> {
    if (!this.leftoversReconciled) {
      // As of our start: they have not been heard from since, at least.
      const count = await this.executors.disconnectLeftovers(this.startedAt, this.startedAt);
      this.leftoversReconciled = true;
      if (count > 0) {
        this.logger.info(
          { count, disconnectedAt: this.startedAt },
          'executors left CONNECTED by a previous control plane marked disconnected',
        );
      }
    }
    for (const record of await this.executors.findDisconnected()) {
      if (this.stopped) return;
      await this.reachDeadline(record);
    }
    for (const record of await this.executors.findUnrecovered()) {
      if (this.stopped) return;
      await this.recover(record, false);
    }
  }

  private onDisconnected(event: ExecutorLinkEvent) {
    // Emitted once the row says DISCONNECTED: its deadline can be read back.
    this.checkDeadline(event.applicationId, event.executorId);
  }

  private onConnected(event: ExecutorLinkEvent) {
    const key = wakeupKey(event.applicationId, event.executorId);
    clearTimeout(this.wakeups.get(key));
    this.wakeups.delete(key);
    // A live executor of this version can recover the dead ones of this version: now.
    this.executors
      .findUnrecovered({
        applicationId: event.applicationId,
        applicationVersion: event.applicationVersion,
      })
      .then(async (records) => {
        for (const record of records) if (!this.stopped) await this.recover(record, true);
      })
      .catch((error: unknown) =>
        this.logger.warn(
          { applicationId: event.applicationId, err: String(error) },
          'could not look for dead executors to recover',
        ),
      );
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
    if (!disconnectedAt || this.stopped || this.isLinked(record)) return;
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
    this.events.emit('executor.dead', fateEvent(dead, dead.deadAt));
    await this.recover(dead, true);
  }

  private wakeAt(record: ExecutorRecord, delayMs: number) {
    const key = wakeupKey(record.applicationId, record.executorId);
    clearTimeout(this.wakeups.get(key));
    const timer = setTimeout(
      () => {
        this.wakeups.delete(key);
        this.checkDeadline(record.applicationId, record.executorId);
      },
      Math.min(delayMs, MAX_TIMER_MS),
    );
    timer.unref();
    this.wakeups.set(key, timer);
  }

  /**
   * One attempt at a dead executor, unless one is under way (that one then runs again) or,
   * for the sweep (`force` false), its retry is not due yet.
   */
  private async recover(dead: ExecutorRecord, force: boolean): Promise<void> {
    const running = this.attempts.get(dead.id);
    if (running) {
      running.again = true;
      return;
    }
    if (!force && !this.retries.isDue(dead.id)) return;
    const attempt = { again: false };
    this.attempts.set(dead.id, attempt);
    let outcome: Outcome;
    try {
      outcome = await this.attemptRecovery(dead);
    } finally {
      this.attempts.delete(dead.id);
    }
    if (outcome === 'done') this.retries.clear(dead.id);
    else if (attempt.again && !this.stopped) await this.recover(dead, true);
  }

  /**
   * Asks whether anything of the dead executor is still PENDING; if so, has an executor of its
   * version recover it, then asks again. Never throws.
   */
  private async attemptRecovery(dead: ExecutorRecord): Promise<Outcome> {
    const log = this.logger.child({
      executorId: dead.executorId,
      applicationId: dead.applicationId,
      version: dead.applicationVersion,
    });
    // Nobody to ask: an executor connecting (or the sweep) tries again.
    if (this.registry.forApplication(dead.applicationId).length === 0) return 'not-yet';
    if (this.isLinked(dead)) return 'done'; // it came back: nothing to do
    let sent = false;
    let by: ExecutorIdentity | undefined;
    try {
      if (!(await this.hasPending(dead))) return await this.confirm(dead, null, log);
      if (!this.hasVersion(dead)) {
        this.retries.failed(dead.id);
        log.info('recovery waits for an executor of its version to connect');
        return 'not-yet';
      }
      // It came back (its row is CONNECTED again): its workflows are its own to run.
      if (this.isLinked(dead)) return 'done';
      sent = true;
      const answer = await this.proxy.exchange(
        dead.applicationId,
        'recovery',
        { executor_ids: [dead.executorId] },
        { onlyVersion: dead.applicationVersion },
      );
      by = answer.executor;
      log.info({ recoveredBy: by.executorId }, 'recovery sent');
      if (!answer.response.success) {
        throw new AppError('EXECUTOR_ERROR', 'The executor answered recovery with success: false.');
      }
      if (await this.hasPending(dead)) {
        throw new AppError(
          'EXECUTOR_ERROR',
          'Workflows of the dead executor were still PENDING after recovery.',
        );
      }
      return await this.confirm(dead, by, log);
    } catch (error) {
      if (this.stopped) return 'not-yet';
      const waitMs = this.retries.failed(dead.id);
      const failure = AppError.is(error)
        ? { errorCode: error.code, error: error.detail ?? error.title }
        : { errorCode: 'INTERNAL', error: String(error) };
      // EXECUTOR_UNAVAILABLE: it left between the check and the send; nothing was sent.
      const attempted = sent && failure.errorCode !== 'EXECUTOR_UNAVAILABLE';
      log.warn(
        { ...failure, recoveredBy: by?.executorId, retryInMs: waitMs },
        attempted ? 'recovery failed: retrying later' : 'recovery check failed: retrying later',
      );
      if (attempted) await this.audited(dead, 'FAILURE', { recoveredBy: by, ...failure }, log);
      return 'not-yet';
    }
  }

  private async hasPending(dead: ExecutorRecord): Promise<boolean> {
    // A database query on the executor's side: any executor of the application can answer.
    const answer = await this.proxy.send(dead.applicationId, 'exist_pending_workflows', {
      executor_id: dead.executorId,
      application_version: dead.applicationVersion,
    });
    return answer.exist !== false; // only a plain "no" confirms
  }

  /** Marks it recovered (by `by`, or with nothing to recover when null) and says so. */
  private async confirm(
    dead: ExecutorRecord,
    by: ExecutorIdentity | null,
    log: Logger,
  ): Promise<Outcome> {
    if (this.stopped) return 'not-yet';
    // The recovery happened whatever the row says next; audited first, so a row that reads
    // recovered always has its audit entry.
    if (by) await this.audited(dead, 'SUCCESS', { recoveredBy: by }, log);
    const recovered = await this.executors.markRecovered(dead.id, new Date());
    if (!recovered?.deadAt || !recovered.recoveredAt) return 'done'; // reconnected meanwhile
    if (by) log.info({ recoveredBy: by.executorId }, 'executor recovered');
    else log.info('executor recovered: it left no pending workflows');
    this.events.emit('executor.recovered', fateEvent(recovered, recovered.deadAt));
    return 'done';
  }

  private async audited(
    dead: ExecutorRecord,
    outcome: 'SUCCESS' | 'FAILURE',
    details: { recoveredBy?: ExecutorIdentity; errorCode?: string; error?: string },
    log: Logger,
  ) {
    const { recoveredBy, ...failure } = details;
    try {
      await this.audit.record({
        organizationId: dead.organizationId,
        principal: CONTROL_PLANE,
        action: AUDIT_ACTIONS.executorRecover,
        targetType: AUDIT_TARGETS.executor,
        targetId: dead.executorId,
        outcome,
        details: {
          applicationVersion: dead.applicationVersion,
          deadAt: dead.deadAt?.toISOString() ?? null,
          recoveredBy: recoveredBy?.executorId ?? null,
          recoveredByHostname: recoveredBy?.hostname ?? null,
          ...failure,
        },
      });
    } catch (error) {
      log.error({ err: String(error) }, 'could not audit an executor recovery');
    }
  }

  private hasVersion(dead: ExecutorRecord): boolean {
    return this.registry
      .forApplication(dead.applicationId)
      .some((e) => e.link.isOpen && e.identity.applicationVersion === dead.applicationVersion);
  }

  /** A link of this executor id is held here: connected, whatever a racing write left. */
  private isLinked(record: ExecutorRecord): boolean {
    return this.registry
      .forApplication(record.applicationId)
      .some((e) => e.identity.executorId === record.executorId);
  }
}

function wakeupKey(applicationId: string, executorId: string): string {
  return `${applicationId}/${executorId}`;
}

function fateEvent(record: ExecutorRecord, deadAt: Date): ExecutorFateEvent {
  return {
    organizationId: record.organizationId,
    applicationId: record.applicationId,
    executorId: record.executorId,
    applicationVersion: record.applicationVersion,
    hostname: record.hostname,
    language: record.language,
    sdkVersion: record.sdkVersion,
    metadata: record.metadata,
    connectedAt: record.connectedAt,
    disconnectedAt: record.disconnectedAt,
    lastSeenAt: record.lastSeenAt,
    deadAt,
    recoveredAt: record.recoveredAt,
  };
}
