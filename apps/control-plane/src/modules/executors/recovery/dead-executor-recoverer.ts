import { Inject, Injectable } from '@nestjs/common';
import { AppError, type ErrorCode } from '@podium/protocol';
import { Semaphore } from '../../../common/concurrency/semaphore';
import { LogThrottle, suppressedField } from '../../../common/logging/log-throttle';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { EventBus } from '../../../infra/events/event-bus';
import { ReplicaIdentity } from '../../../infra/replica/replica-identity';
import { PodiumMetrics } from '../../../infra/metrics/podium-metrics';
import { AUDIT_ACTIONS } from '../../audit/audit-actions';
import { AuditService, CONTROL_PLANE } from '../../audit/audit.service';
import { storableFailure } from '../../audit/storable-failure';
import { ExecutorProxy } from '../proxy/executor-proxy';
import { RemoteExecutors } from '../proxy/remote/remote-executors';
import { ExecutorRegistry, type ExecutorIdentity } from '../executor-registry';
import { type ExecutorRecord, ExecutorsRepository } from '../executors.repository';
import { sdkFamilyOf } from '../sdk-family';
import { RecoveryClaimsRepository } from './recovery-claims.repository';
import { RetrySchedule } from './recovery-schedule';

/** Longest wait between two sweeps' tries at one dead executor. */
const MAX_RETRY_MS = 10 * 60_000;

/**
 * Recovery attempts under way at once, across applications. Each asks executors questions, and
 * executor churn can leave hundreds of dead executors to try: unbounded, the tries drown the
 * links they depend on.
 */
export const MAX_CONCURRENT_RECOVERIES = 4;

/**
 * `done`: recovered, or nothing left to do here (it came back, or another replica holds the
 * claim on its recovery). `not-yet`: try again later.
 * `unreachable`: no executor of the application answered at all, so trying its other dead
 * executors now would fail the same way.
 */
export type RecoveryOutcome = 'done' | 'not-yet' | 'unreachable';

/**
 * Hands one dead executor's PENDING workflows to a live executor of its version and records
 * the outcome (see ExecutorRecoveryService for when it is asked to).
 *
 * - An attempt is claimed in the table first (`claimRecovery`, a conditional update): of the
 *   replicas that try one dead executor at once, one proceeds and the others leave it. The
 *   claim is given back when the attempt ends, and checked again just before `recovery` goes.
 * - Recovered means an executor answered `exist_pending_workflows: false` for the dead id and
 *   version: one of that version if any is connected, else one of the same SDK family (never
 *   DBOS for @podium/sdk or the reverse: their tables differ). When something is pending, `recovery` goes only to an executor of that version
 *   (another version silently does nothing), linked here or to another replica, never twice at
 *   once for one dead executor; no answer means "try again later", safe because recovery is
 *   idempotent.
 * - Every `recovery` sent is audited (actor: the control plane), whatever its outcome.
 */
/** Failures after which the recovery was certainly not carried out: not a failed recovery. */
const NOT_CARRIED_OUT: ReadonlySet<string> = new Set<ErrorCode>([
  'EXECUTOR_UNAVAILABLE',
  'EXECUTOR_BUSY',
]);
/** Failures of the pending-workflows check that mean no executor could answer it. */
const UNANSWERED: ReadonlySet<string> = new Set<ErrorCode>([
  'EXECUTOR_UNAVAILABLE',
  'EXECUTOR_NO_ANSWER',
]);

@Injectable()
export class DeadExecutorRecoverer {
  private readonly logger: Logger;
  /** Dead executors (row ids) with an attempt under way; `again`: asked to retry once it ends. */
  private readonly attempts = new Map<string, { again: boolean }>();
  private readonly retries: RetrySchedule;
  private readonly slots = new Semaphore(MAX_CONCURRENT_RECOVERIES);
  /** Failures repeat for every dead executor while nothing answers: a few lines per minute. */
  private readonly throttle = new LogThrottle();
  private stopped = false;

  constructor(
    private readonly executors: ExecutorsRepository,
    private readonly claims: RecoveryClaimsRepository,
    private readonly registry: ExecutorRegistry,
    private readonly proxy: ExecutorProxy,
    private readonly remote: RemoteExecutors,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly replica: ReplicaIdentity,
    private readonly metrics: PodiumMetrics,
    @Inject(CONFIG) config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'executor-recovery' });
    this.retries = new RetrySchedule(config.executors.recoverySweepMs, MAX_RETRY_MS);
  }

  /** Forgets the retry waits of every dead executor but these (those still awaiting recovery). */
  forgetAllBut(awaiting: ReadonlySet<string>): void {
    this.retries.keepOnly(awaiting);
  }

  /** Attempts under way finish without recording anything; none start. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * One attempt at a dead executor, unless one is under way (that one then runs again) or,
   * for the sweep (`force` false), its retry is not due yet. Waits for a free slot first.
   */
  async recover(dead: ExecutorRecord, force: boolean): Promise<RecoveryOutcome> {
    if (this.stopped) return 'not-yet';
    const running = this.attempts.get(dead.id);
    if (running) {
      running.again = true;
      return 'not-yet';
    }
    if (!force && !this.retries.isDue(dead.id)) return 'not-yet';
    const attempt = { again: false };
    this.attempts.set(dead.id, attempt);
    let outcome: RecoveryOutcome;
    try {
      outcome = await this.slots.run(() => this.attemptRecovery(dead));
    } finally {
      this.attempts.delete(dead.id);
    }
    if (outcome === 'done') this.retries.clear(dead.id);
    else if (attempt.again && outcome === 'not-yet' && !this.stopped) {
      return this.recover(dead, true);
    }
    return outcome;
  }

  /**
   * Claims the dead executor's recovery, then asks whether anything of it is still PENDING; if
   * so, has an executor of its version and SDK family recover it, then asks again. Never throws.
   */
  private async attemptRecovery(dead: ExecutorRecord): Promise<RecoveryOutcome> {
    if (this.stopped) return 'not-yet';
    // Nobody to ask (closing links cannot answer): an executor connecting, or the sweep, tries
    // again.
    const connected = await this.connectedExecutors(dead.applicationId);
    if (connected.length === 0) return 'unreachable';
    if (this.registry.isLinked(dead.applicationId, dead.executorId)) return 'done'; // it came back: nothing to do
    let claimed: boolean;
    try {
      claimed = await this.claims.claimRecovery(dead.id, this.replica.id);
    } catch (error) {
      this.retries.failed(dead.id);
      this.logger.warn(
        { executorId: dead.executorId, err: String(error) },
        'could not claim a recovery: retrying later',
      );
      return 'not-yet';
    }
    if (!claimed) return 'done'; // another replica is at it
    try {
      return await this.attemptClaimed(dead, connected);
    } finally {
      await this.claims
        .releaseRecovery(dead.id, this.replica.id)
        .catch((error: unknown) =>
          this.logger.warn(
            { executorId: dead.executorId, err: String(error) },
            'could not release a recovery claim: it lapses with this replica',
          ),
        );
    }
  }

  private async attemptClaimed(
    dead: ExecutorRecord,
    connected: readonly ExecutorIdentity[],
  ): Promise<RecoveryOutcome> {
    const log = this.logger.child({
      executorId: dead.executorId,
      applicationId: dead.applicationId,
      version: dead.applicationVersion,
    });
    let sent = false;
    let by: ExecutorIdentity | undefined;
    try {
      if (!(await this.hasPending(dead))) return await this.confirm(dead, null, log);
      const recoverer = recovererOf(dead);
      if (!connected.some(recoverer.accepts)) {
        this.retries.failed(dead.id);
        const admitted = this.throttle.admit(`${dead.applicationId}/waits`);
        if (admitted) {
          log.info(
            suppressedField(admitted),
            'recovery waits for an executor of its version and SDK to connect',
          );
        }
        return 'not-yet';
      }
      // It came back (its row is CONNECTED again, here or on another replica): its workflows
      // are its own to run.
      if (
        this.registry.isLinked(dead.applicationId, dead.executorId) ||
        !(await this.claims.holdsRecovery(dead.id, this.replica.id))
      ) {
        return 'done';
      }
      sent = true;
      this.metrics.recordRecovery('started');
      const answer = await this.proxy.exchange(
        dead.applicationId,
        'recovery',
        { executor_ids: [dead.executorId] },
        { onlyVersion: dead.applicationVersion, only: recoverer },
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
      // EXECUTOR_BUSY: every executor asked refused it unrun.
      const attempted = sent && !NOT_CARRIED_OUT.has(failure.errorCode);
      const admitted = this.throttle.admit(
        `${dead.applicationId}/${attempted ? 'failed' : 'check'}/${failure.errorCode}`,
      );
      if (admitted) {
        log.warn(
          {
            ...failure,
            recoveredBy: by?.executorId,
            retryInMs: waitMs,
            ...suppressedField(admitted),
          },
          attempted ? 'recovery failed: retrying later' : 'recovery check failed: retrying later',
        );
      }
      if (attempted) {
        this.metrics.recordRecovery('failed');
        // The audit log and the RecoveryFailed alert are read by every member (and webhooks):
        // an executor's own error text is withheld there, logged in full under a reference.
        const stored = storableFailure(error, this.logger);
        await this.audited(dead, 'FAILURE', { recoveredBy: by, ...stored }, log);
        this.events.emit('executor.recovery-failed', { ...dead, error: stored.error });
      }
      // Nobody answered the check: the application's other dead executors would fare the same.
      return !sent && UNANSWERED.has(failure.errorCode) ? 'unreachable' : 'not-yet';
    }
  }

  /** The application's executors connected here or to another live replica. */
  private async connectedExecutors(applicationId: string): Promise<ExecutorIdentity[]> {
    const open = this.registry.forApplication(applicationId).filter((e) => e.link.isOpen);
    const elsewhere = this.remote.enabled ? await this.remote.forApplication(applicationId) : [];
    return [...open, ...elsewhere].map((e) => e.identity);
  }

  private async hasPending(dead: ExecutorRecord): Promise<boolean> {
    // A query of the application's system tables: any executor of its version, or else of its
    // SDK family, can answer. Not another family's: on a database both use, @podium/sdk and
    // DBOS keep their workflows in tables of their own, and would answer "no" for the other.
    const family = sdkFamilyOf(dead);
    const answer = await this.proxy.send(
      dead.applicationId,
      'exist_pending_workflows',
      { executor_id: dead.executorId, application_version: dead.applicationVersion },
      {
        preferVersion: dead.applicationVersion,
        only: {
          accepts: (executor) => sdkFamilyOf(executor) === family,
          refusal: `No connected executor runs the dead executor's SDK (${sdkOf(dead)}) to look up its workflows.`,
        },
      },
    );
    return answer.exist !== false; // only a plain "no" confirms
  }

  /** Marks it recovered (by `by`, or with nothing to recover when null) and says so. */
  private async confirm(
    dead: ExecutorRecord,
    by: ExecutorIdentity | null,
    log: Logger,
  ): Promise<RecoveryOutcome> {
    if (this.stopped) return 'not-yet';
    // The recovery happened whatever the row says next; audited first, so a row that reads
    // recovered always has its audit entry.
    if (by) await this.audited(dead, 'SUCCESS', { recoveredBy: by }, log);
    const recovered = await this.executors.markRecovered(dead.id, new Date());
    if (!recovered?.deadAt || !recovered.recoveredAt) return 'done'; // reconnected meanwhile
    this.metrics.recordRecovery('confirmed');
    if (by) log.info({ recoveredBy: by.executorId }, 'executor recovered');
    else log.info('executor recovered: it left no pending workflows');
    this.events.emit('executor.recovered', recovered);
    return 'done';
  }

  private async audited(
    dead: ExecutorRecord,
    outcome: 'SUCCESS' | 'FAILURE',
    details: {
      recoveredBy?: ExecutorIdentity;
      errorCode?: string;
      error?: string;
      reference?: string;
    },
    log: Logger,
  ) {
    const { recoveredBy, ...failure } = details;
    try {
      await this.audit.record({
        organizationId: dead.organizationId,
        principal: CONTROL_PLANE,
        action: AUDIT_ACTIONS.executorRecover.name,
        targetType: AUDIT_ACTIONS.executorRecover.targetType,
        targetId: dead.executorId,
        outcome,
        details: {
          // Which application's executor: the console names it and links to its executors.
          applicationId: dead.applicationId,
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
}

/**
 * Who may recover a dead executor: one of its version and of its SDK family, whose tables hold
 * its workflows (one of the other family would re-queue nothing and answer success).
 */
function recovererOf(dead: ExecutorRecord): {
  readonly accepts: (executor: ExecutorIdentity) => boolean;
  readonly refusal: string;
} {
  const family = sdkFamilyOf(dead);
  return {
    accepts: (executor) =>
      executor.applicationVersion === dead.applicationVersion && sdkFamilyOf(executor) === family,
    refusal: `No connected executor of version "${dead.applicationVersion}" runs the dead executor's SDK (${sdkOf(dead)}).`,
  };
}

function sdkOf(dead: ExecutorRecord): string {
  return dead.sdkVersion ?? 'a version it did not say';
}
