/**
 * Retention and metrics for the conductor: garbage collection of finished workflows, timeouts
 * of old active ones, and per-name counts in a time window. Scoped to this application.
 *
 * Invariant: one retention round at a time per process; a request that arrives while a round
 * runs waits for that round instead of starting a second one over the same rows.
 */
import { WorkflowCancelledError } from '../errors';
import type { Logger } from '../logger';
import type { Runner } from './runner';
import type { ExecutorScope, NameCount, Storage } from './storage/storage';

/** One retention round, as DBOS's `retention` request describes it. Times are epoch ms. */
export interface RetentionRequest {
  /** Delete finished workflows created before this time. */
  gcCutoffEpochMs?: number;
  /** Keep at least the newest N workflows (the more aggressive cutoff of the two wins). */
  gcRowsThreshold?: number;
  /** Rows deleted per statement. @default 1000 */
  gcBatchSize?: number;
  /** Cancel PENDING, ENQUEUED and DELAYED workflows created at or before this time. */
  timeoutCutoffEpochMs?: number;
}

export interface RetentionResult {
  deleted: number;
  cancelled: number;
}

const DEFAULT_GC_BATCH_SIZE = 1000;

export class Maintenance {
  private round: Promise<RetentionResult> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly scope: ExecutorScope,
    private readonly runner: Runner,
    private readonly logger: Logger,
  ) {}

  retention(request: RetentionRequest): Promise<RetentionResult> {
    this.round ??= this.runRetention(request).finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  countByName(
    startEpochMs: number,
    endEpochMs: number,
  ): Promise<{ workflows: NameCount[]; steps: NameCount[] }> {
    return this.storage.admin.countByName(this.scope.applicationName, startEpochMs, endEpochMs);
  }

  private async runRetention(request: RetentionRequest): Promise<RetentionResult> {
    const { applicationName } = this.scope;
    let deleted = 0;
    if (request.gcCutoffEpochMs !== undefined || request.gcRowsThreshold !== undefined) {
      deleted = await this.storage.admin.garbageCollect(applicationName, {
        cutoffEpochMs: request.gcCutoffEpochMs,
        rowsThreshold: request.gcRowsThreshold,
        batchSize: request.gcBatchSize ?? DEFAULT_GC_BATCH_SIZE,
      });
    }
    let cancelled: string[] = [];
    if (request.timeoutCutoffEpochMs !== undefined) {
      cancelled = await this.storage.admin.cancelCreatedBefore(
        applicationName,
        request.timeoutCutoffEpochMs,
      );
      // Workflows running here stop at once rather than at their next step.
      for (const id of cancelled) this.runner.abort(id, new WorkflowCancelledError(id));
    }
    this.logger.info({ deleted, cancelled: cancelled.length }, 'retention round done');
    return { deleted, cancelled: cancelled.length };
  }
}
