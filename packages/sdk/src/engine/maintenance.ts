/**
 * Retention for the conductor (`retention`), as DBOS Transact 5 runs it: garbage collection
 * of finished workflows by completion time, then timeouts of old active ones. Scoped to this
 * application (DBOS collects the whole system database; here applications may share one).
 *
 * Invariants: one round at a time per application: a request that arrives while a round runs
 * here is skipped (as in DBOS), and garbage collection takes the application's retention lock,
 * so a round in another process makes this one skip its collection (its timeouts still run).
 * A round never throws: it reports what it did, or why it did nothing. Shutdown stops a round
 * between two batches.
 */
import { WorkflowCancelledError } from '../errors';
import type { Logger } from '../logger';
import type { Runner } from './runner';
import type { ExecutorScope, Storage } from './storage/storage';

/** One retention round, as DBOS's `retention` request describes it. Times are epoch ms. */
export interface RetentionRequest {
  /** Delete workflows completed before this time. */
  gcCutoffEpochMs?: number;
  /** Keep the newest N completed workflows (the later of the two cutoffs wins). */
  gcRowsThreshold?: number;
  /** Workflows deleted per statement; must be a positive integer. @default 50000 (DBOS's) */
  gcBatchSize?: number;
  /** Cancel PENDING, ENQUEUED and DELAYED workflows created at or before this time. */
  timeoutCutoffEpochMs?: number;
}

export type RetentionOutcome =
  | {
      status: 'done';
      /** Null when another process held the retention lock (its round collects). */
      deleted: number | null;
      cancelled: number;
    }
  /** A round was already running in this process. */
  | { status: 'skipped' }
  | { status: 'failed'; error: string };

/** DBOS's default batch size. */
export const DEFAULT_GC_BATCH_SIZE = 50_000;

export class Maintenance {
  private round: Promise<RetentionOutcome> | undefined;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly scope: ExecutorScope,
    private readonly runner: Runner,
    private readonly logger: Logger,
  ) {}

  /** Runs a round, unless one is running (then `skipped`). Never rejects. */
  retention(request: RetentionRequest): Promise<RetentionOutcome> {
    if (this.round !== undefined) {
      this.logger.warn({}, 'retention skipped: the previous round is still running');
      return Promise.resolve({ status: 'skipped' });
    }
    const round = this.runRound(request).finally(() => {
      this.round = undefined;
    });
    this.round = round;
    return round;
  }

  /** Stops a running round after its batch in flight; resolves once it has. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.round;
  }

  private async runRound(request: RetentionRequest): Promise<RetentionOutcome> {
    try {
      const deleted = await this.collect(request);
      const cancelled = await this.timeOut(request.timeoutCutoffEpochMs);
      this.logger.info({ deleted, cancelled }, 'retention round done');
      return { status: 'done', deleted, cancelled };
    } catch (error) {
      // As DBOS: a failed collection skips the timeouts, and the round only logs.
      const message = error instanceof Error ? error.message : String(error);
      if (!this.stopped) this.logger.error({ err: message }, 'retention round failed');
      return { status: 'failed', error: message };
    }
  }

  private async collect(request: RetentionRequest): Promise<number | null> {
    const { gcCutoffEpochMs, gcRowsThreshold } = request;
    if (gcCutoffEpochMs === undefined && gcRowsThreshold === undefined) return 0;
    const batchSize = request.gcBatchSize ?? DEFAULT_GC_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    }
    const deleted = await this.storage.admin.garbageCollect(this.scope.applicationName, {
      cutoffEpochMs: gcCutoffEpochMs,
      rowsThreshold: gcRowsThreshold,
      batchSize,
      stopped: () => this.stopped,
    });
    if (deleted === null) {
      this.logger.warn({}, 'retention: another process is collecting; skipped');
    }
    return deleted;
  }

  /** Cancels old active workflows; those running here stop at once, not at their next step. */
  private async timeOut(cutoffEpochMs: number | undefined): Promise<number> {
    if (cutoffEpochMs === undefined || this.stopped) return 0;
    const cancelled = await this.storage.admin.cancelCreatedBefore(
      this.scope.applicationName,
      cutoffEpochMs,
    );
    for (const id of cancelled) this.runner.abort(id, new WorkflowCancelledError(id));
    return cancelled.length;
  }
}
