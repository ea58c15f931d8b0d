import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  AppError,
  type GetWorkflowResponse,
  type Workflow,
  type WorkflowsPage,
} from '@podium/protocol';
import type { Logger } from 'pino';
import type { AppScope } from '../../../common/auth/app-scope';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { ApplicationRecordsService } from '../../applications/application-records.service';
import type { LastKnownFilter } from './last-known-filters';
import { LastKnownRepository, type LastKnownBatch } from './last-known.repository';
import {
  lastKnownMarker,
  mapLastKnownWorkflow,
  toLastKnownRow,
  type LastKnownRow,
} from './last-known.mapper';
import { shouldIndex } from './should-index';
import { TrimSchedule } from './trim-schedule';

/** Writes wait this long to be batched with others (answers come in bursts: pages, refreshes). */
const FLUSH_DELAY_MS = 200;
/** Most rows buffered at once: past it (the database is not keeping up) reports are dropped. */
const MAX_PENDING_ROWS = 50_000;

/**
 * The last-known index: workflow metadata from executors' answers, served when no executor of
 * the application is connected. Recording never slows or fails the answer it comes from:
 * rows are buffered (the newest report of a workflow wins), written in one statement per
 * flush, and a failed write is logged and dropped. An application that gained rows is then
 * trimmed to its size bound when its TrimSchedule says so; the age bound applies at each trim
 * and at every sync (pruneAged).
 */
@Injectable()
export class LastKnownIndex implements OnModuleDestroy {
  private readonly logger: Logger;
  /** Buffered rows by application id, then workflow id. */
  private pending = new Map<string, { scope: AppScope; rows: Map<string, LastKnownRow> }>();
  private pendingRows = 0;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly trims: TrimSchedule;

  constructor(
    private readonly repository: LastKnownRepository,
    private readonly applications: ApplicationRecordsService,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'last-known-index' });
    this.trims = new TrimSchedule(config.lastKnown.maxRowsPerApp);
  }

  /** Queues what an executor just reported of these workflows (metadata only is kept). */
  record(scope: AppScope, workflows: readonly Workflow[]): void {
    if (workflows.length === 0 || this.config.lastKnown.maxRowsPerApp === 0) return;
    if (this.pendingRows >= MAX_PENDING_ROWS) return;
    const seenAt = new Date();
    let entry = this.pending.get(scope.applicationId);
    if (!entry) {
      entry = { scope, rows: new Map() };
      this.pending.set(scope.applicationId, entry);
    }
    for (const workflow of workflows) {
      const row = toLastKnownRow(workflow, seenAt);
      if (!row) continue;
      if (!entry.rows.has(row.workflowId)) this.pendingRows += 1;
      entry.rows.set(row.workflowId, row);
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS).unref();
  }

  /** Writes what is buffered now (and waits for a flush under way first). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()].map(({ scope, rows }) => ({
      scope,
      rows: [...rows.values()],
    }));
    this.pending = new Map();
    this.pendingRows = 0;
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  /** Drops an application's rows beyond its bounds (see PODIUM_LAST_KNOWN_*). */
  private pruneApplication(applicationId: string): Promise<number> {
    const { maxAgeMs, maxRowsPerApp } = this.config.lastKnown;
    return this.repository.pruneApplication(
      applicationId,
      new Date(Date.now() - maxAgeMs),
      maxRowsPerApp,
    );
  }

  /** The age bound for every application. */
  pruneAged(): Promise<number> {
    return this.repository.pruneOlderThan(new Date(Date.now() - this.config.lastKnown.maxAgeMs));
  }

  /** A page from the index, marked; null when nothing of the application is indexed. */
  async findPage(scope: AppScope, filter: LastKnownFilter): Promise<WorkflowsPage | null> {
    if (!(await this.isIndexed(scope))) return null;
    const at = await this.repository.lastSeenAt(scope);
    if (at === null) return null;
    const { rows, total } = await this.repository.findPage(scope, filter);
    const next = filter.offset + rows.length;
    return {
      items: rows.map(mapLastKnownWorkflow),
      total,
      limit: filter.limit,
      offset: filter.offset,
      ...(next < total && { nextOffset: next }),
      lastKnown: lastKnownMarker(at),
    };
  }

  /** One workflow from the index, marked; null when it is not indexed. */
  async findWorkflow(scope: AppScope, workflowId: string): Promise<GetWorkflowResponse | null> {
    if (!(await this.isIndexed(scope))) return null;
    const row = await this.repository.findOne(scope, workflowId);
    return row && { ...mapLastKnownWorkflow(row), lastKnown: lastKnownMarker(row.seenAt) };
  }

  /** Indexed workflows in one of `statuses` (newest first), for the sync to refresh. */
  findIdsInStatus(scope: AppScope, statuses: readonly string[], limit: number) {
    return this.repository.findActiveIds(scope, statuses, limit);
  }

  async onModuleDestroy() {
    await this.flush();
  }

  /**
   * Whether the index is on (PODIUM_LAST_KNOWN_MAX_ROWS > 0) and the application exists and may
   * be indexed (read as stored now: see shouldIndex).
   */
  private async isIndexed(scope: AppScope): Promise<boolean> {
    if (this.config.lastKnown.maxRowsPerApp === 0) return false;
    const application = await this.applications.findOneById(
      scope.organizationId,
      scope.applicationId,
    );
    return application !== null && shouldIndex(application);
  }

  private async write(entries: LastKnownBatch[]): Promise<void> {
    try {
      const allowed: LastKnownBatch[] = [];
      for (const entry of entries) {
        if (await this.isIndexed(entry.scope)) allowed.push(entry);
        else {
          // What an application kept before it stopped being indexed goes with its next answer.
          await this.repository.deleteApplication(entry.scope);
          this.trims.forget(entry.scope.applicationId);
        }
      }
      const added = await this.repository.upsert(allowed);
      for (const { scope } of allowed) {
        const { applicationId } = scope;
        if (!this.trims.add(applicationId, added.get(applicationId) ?? 0)) continue;
        await this.pruneApplication(applicationId);
        this.trims.trimmed(applicationId);
      }
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'last-known index write failed: rows dropped');
    }
  }
}

/** True for the one failure the index stands in for: no executor of the app is connected. */
export function isNoExecutorConnected(error: unknown): boolean {
  return error instanceof AppError && error.code === 'EXECUTOR_UNAVAILABLE';
}
