import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { toWireTimestamp } from '@podium/protocol';
import type { Logger } from 'pino';
import type { AppScope } from '../../../common/auth/app-scope';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { CoordinatorSchedule } from '../../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../../infra/replica/replica-role';
import { ExecutorsService } from '../../executors/executors.service';
import { sendToEachFamily } from '../../executors/family-fanout';
import { ExecutorProxy } from '../../executors/proxy/executor-proxy';
import { mapWorkflow } from '../workflow.mapper';
import { LastKnownIndex } from './last-known-index';

/** Most workflows asked for per application and sync (each kind: new, and still active). */
export const SYNC_PAGE_LIMIT = 500;
/** Statuses that still change: indexed workflows in them are asked about again. */
const ACTIVE_STATUSES = ['PENDING', 'ENQUEUED', 'DELAYED'] as const;

/**
 * Keeps the last-known index fresh without anyone looking: every PODIUM_LAST_KNOWN_SYNC_MS the
 * recovery coordinator (ReplicaRole: one replica) asks a connected executor of each application
 * (of each SDK family, when it runs both) for the workflows started since its last sync and for
 * news of those the index holds as still active, then prunes. Metadata only (no inputs or
 * outputs asked). Passes never overlap.
 */
@Injectable()
export class LastKnownSync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly schedule: CoordinatorSchedule;
  /** Per application id, when its last successful sync started. */
  private readonly syncedFrom = new Map<string, Date>();

  constructor(
    private readonly index: LastKnownIndex,
    private readonly executors: ExecutorsService,
    private readonly proxy: ExecutorProxy,
    role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'last-known-sync' });
    this.schedule = new CoordinatorSchedule(role, this.logger, 'last-known sync');
  }

  onApplicationBootstrap() {
    if (this.config.lastKnown.maxRowsPerApp === 0) return;
    this.schedule.every(this.config.lastKnown.syncMs, () => this.runSync());
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** One pass over every application with a connected executor, then the age bound for all. */
  sync(): Promise<void> {
    return this.schedule.run(() => this.runSync());
  }

  private async runSync(): Promise<void> {
    const scopes = await this.executors.findApplicationsWithConnected();
    this.logger.debug({ applications: scopes.length }, 'last-known sync pass');
    for (const scope of scopes) {
      if (this.schedule.stopped) return;
      await this.syncApplication(scope).catch((error: unknown) =>
        this.logger.debug(
          { applicationId: scope.applicationId, err: String(error) },
          'last-known sync of an application got no answer',
        ),
      );
    }
    await this.index.flush();
    await this.index.pruneAged();
  }

  private async syncApplication(scope: AppScope): Promise<void> {
    const startedAt = new Date();
    const since =
      this.syncedFrom.get(scope.applicationId) ??
      new Date(startedAt.getTime() - this.config.lastKnown.maxAgeMs);
    const started = await sendToEachFamily(
      this.proxy,
      scope.applicationId,
      'list_workflows',
      () => ({
        body: { start_time: toWireTimestamp(since), sort_desc: true, limit: SYNC_PAGE_LIMIT },
      }),
    );
    const active = await this.index.findIdsInStatus(scope, ACTIVE_STATUSES, SYNC_PAGE_LIMIT);
    const news =
      active.length === 0
        ? null
        : await sendToEachFamily(this.proxy, scope.applicationId, 'list_workflows', () => ({
            body: { workflow_uuids: active, limit: active.length },
          }));
    const rows = [...started.parts, ...(news?.parts ?? [])].flatMap(
      ({ value }) => value.output ?? [],
    );
    this.index.record(scope, rows.map(mapWorkflow));
    // A family that could not answer is asked from the same start next time.
    if (started.missing.length === 0) this.syncedFrom.set(scope.applicationId, startedAt);
  }
}
