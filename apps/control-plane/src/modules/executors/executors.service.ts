import { Injectable } from '@nestjs/common';
import type { Executor, ListExecutorsQuery, Paginated } from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { toCountedPage } from '../../common/pagination/counted-page';
import { latest } from '../../common/time/latest';
import { EventBus } from '../../infra/events/event-bus';
import { type ExecutorSnapshot, mapExecutor } from './executor-snapshot';
import { ExecutorRegistry } from './executor-registry';
import type { ApplicationFleet } from './application-fleet';
import { ExecutorListingsRepository, type UnrecoveredCount } from './executor-listings.repository';
import { ExecutorsRepository } from './executors.repository';
import { ExecutorLinksService } from './links/executor-links.service';
import { RemoteExecutors } from './proxy/remote/remote-executors';

export type { UnrecoveredCount } from './executor-listings.repository';

/**
 * An application's executors as the rest of the control plane sees them: their records, marked
 * connected when this process holds their link (a racing write cannot say otherwise). The links
 * themselves (`links/`), the command proxy (`proxy/`) and recovery (`recovery/`) are this
 * module's own; other modules reach executors through this service and the proxy.
 */
@Injectable()
export class ExecutorsService {
  constructor(
    private readonly registry: ExecutorRegistry,
    private readonly executors: ExecutorsRepository,
    private readonly listings: ExecutorListingsRepository,
    private readonly links: ExecutorLinksService,
    private readonly remote: RemoteExecutors,
    private readonly events: EventBus,
  ) {}

  /** Closes every link this process holds and waits until their disconnections are recorded. */
  closeAllLinks(): Promise<void> {
    return this.links.closeAll();
  }

  /**
   * Adopts the executors a dead replica left CONNECTED (call it inside the transaction that
   * holds that replica's row): DISCONNECTED as of `at`, announced once committed, so the
   * recovery coordinator follows their grace periods as for any disconnection.
   */
  async adoptLinksOf(replicaId: string, at: Date): Promise<ExecutorSnapshot[]> {
    const adopted = await this.executors.disconnectLinksOf(replicaId, at);
    for (const record of adopted) this.events.emit('executor.disconnected', record);
    return adopted;
  }

  /** Connected executors first, then the others; each newest connection first. */
  async findExecutors(scope: AppScope, query: ListExecutorsQuery): Promise<Paginated<Executor>> {
    const linked = this.linkedExecutorIds(scope.applicationId);
    const page = await this.listings.findPage(scope.organizationId, scope.applicationId, {
      linked,
      statuses: query.status,
      limit: query.limit,
      offset: query.offset,
    });
    const items = page.items.map((r) => mapExecutor(asSeenHere(r, linked)));
    return toCountedPage(items, page.total, query);
  }

  async findConnectedExecutors(scope: AppScope): Promise<Executor[]> {
    const linked = this.linkedExecutorIds(scope.applicationId);
    const records = await this.listings.findConnected(
      scope.organizationId,
      scope.applicationId,
      linked,
    );
    return records.map((r) => mapExecutor(asSeenHere(r, linked)));
  }

  /** The applications some executor is connected to, here or on another replica. */
  findApplicationsWithConnected(): Promise<AppScope[]> {
    return this.listings.findApplicationsWithConnected();
  }

  /**
   * Drops the links' history older than `cutoff` (kept as long as the metrics history), and the
   * executors recovered before it (a new process is a new executor: their rows would pile up).
   */
  async forgetHistoryBefore(cutoff: Date): Promise<void> {
    await this.executors.deleteEventsBefore(cutoff);
    await this.executors.deleteRecoveredBefore(cutoff);
  }

  /** Per application: connected (a link held here counts at once) and its executors' language. */
  async findFleets(
    organizationId: string,
    applicationIds: readonly string[],
  ): Promise<Map<string, ApplicationFleet>> {
    const fleets = await this.listings.findFleets(organizationId, applicationIds);
    for (const id of applicationIds) {
      const linked = this.registry.forApplication(id)[0];
      if (linked) {
        fleets.set(id, {
          connected: true,
          language: fleets.get(id)?.language ?? linked.identity.language,
        });
      }
    }
    return fleets;
  }

  /** Distinct versions of the executor records, the most recently connected first. */
  findRecordedVersions(scope: AppScope): Promise<string[]> {
    return this.listings.findVersions(scope.organizationId, scope.applicationId);
  }

  /** How many executors of each version are linked, here or (replicas) to another live one. */
  async countConnectedByVersion(applicationId: string): Promise<Map<string, number>> {
    const elsewhere = await this.remote.forApplication(applicationId);
    const counts = new Map<string, number>();
    for (const { identity } of [...this.registry.forApplication(applicationId), ...elsewhere]) {
      counts.set(identity.applicationVersion, (counts.get(identity.applicationVersion) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Executors not yet recovered of each of the organization's applications given, by
   * application, recorded status and application version.
   */
  countUnrecoveredExecutors(
    organizationId: string,
    applicationIds: readonly string[],
  ): Promise<UnrecoveredCount[]> {
    return this.listings.countUnrecovered(organizationId, applicationIds);
  }

  /** When each of the application's executors recovered in [from, to) was, and its version. */
  async findRecoveriesBetween(
    applicationId: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ at: Date; applicationVersion: string }>> {
    const rows = await this.listings.findRecoveredBetween(applicationId, from, to);
    return rows.flatMap((r) =>
      r.recoveredAt ? [{ at: r.recoveredAt, applicationVersion: r.applicationVersion }] : [],
    );
  }

  /**
   * For alerting: how many executors of the application are linked (here or to another live
   * replica), when one last disconnected, and how many dead ones await recovery.
   *
   * Links are counted before the last disconnection is read, and a link closed here counts as
   * of its close even while its disconnection is being recorded: an executor that just left is
   * never taken for one silent since an earlier disconnection (which would fire
   * UnresponsiveApplication at once, then resolve it when the record lands).
   */
  async findLiveness(applicationId: string): Promise<{
    connected: number;
    lastDisconnectedAt: Date | null;
    unrecoveredDead: number;
    unrecoveredLost: number;
  }> {
    const byVersion = await this.countConnectedByVersion(applicationId);
    const closedHere = this.registry.lastRemovedAt(applicationId);
    const recorded = await this.listings.findLiveness(applicationId, new Date());
    const connected = [...byVersion.values()].reduce((sum, n) => sum + n, 0);
    return {
      connected,
      lastDisconnectedAt: latest(recorded.lastDisconnectedAt, closedHere),
      unrecoveredDead: recorded.unrecoveredDead,
      unrecoveredLost: recorded.unrecoveredLost,
    };
  }

  /** Executors whose link this process holds. */
  private linkedExecutorIds(applicationId: string): Set<string> {
    return new Set(this.registry.forApplication(applicationId).map((e) => e.identity.executorId));
  }
}

/** A link this process holds is connected, whatever a racing write says. */
function asSeenHere(snapshot: ExecutorSnapshot, linked: ReadonlySet<string>): ExecutorSnapshot {
  if (!linked.has(snapshot.executorId)) return snapshot;
  return {
    ...snapshot,
    status: 'CONNECTED',
    disconnectedAt: null,
    deadAt: null,
    recoveredAt: null,
    stopped: false,
  };
}
