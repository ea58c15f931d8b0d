import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database } from '@podium/db';
import { EXECUTOR_STATUS_FILTERS, type ExecutorStatusFilter } from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';
import type { ApplicationFleet } from './application-fleet';
import { restStatus } from './executor-snapshot';
import { type ExecutorRecord, NEWEST_FIRST } from './executors.repository';

/** A page of an application's executors (see `findPage`). */
export interface ExecutorPageQuery {
  /** Executor ids whose link this process holds: connected, whatever their row says. */
  readonly linked: ReadonlySet<string>;
  /** Only these statuses (or STOPPED: the stopped ones); all when absent. */
  readonly statuses?: readonly ExecutorStatusFilter[];
  readonly limit: number;
  readonly offset: number;
}

/** How many of an application's executors of one version are in one recorded status. */
export interface UnrecoveredCount {
  readonly applicationId: string;
  readonly status: ExecutorRecord['status'];
  readonly applicationVersion: string;
  readonly count: number;
}

/**
 * What the API, the console, metrics and alerts read of the executors table: pages, the connected
 * ones, versions, fleets, liveness and counts. Links, deaths and recoveries write it through
 * ExecutorsRepository.
 */
@Injectable()
export class ExecutorListingsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Executors not yet recovered (recovered DEAD rows are history: DBOS Conductor deletes them)
   * of each of the organization's applications given, counted by application, status and
   * version, in one SQL statement.
   */
  async countUnrecovered(
    organizationId: string,
    applicationIds: readonly string[],
  ): Promise<UnrecoveredCount[]> {
    if (applicationIds.length === 0) return [];
    const groups = await this.db.prisma.executor.groupBy({
      by: ['applicationId', 'status', 'applicationVersion'],
      where: { organizationId, applicationId: { in: [...applicationIds] }, recoveredAt: null },
      _count: { _all: true },
    });
    return groups.map((g) => ({
      applicationId: g.applicationId,
      status: g.status,
      applicationVersion: g.applicationVersion,
      count: g._count._all,
    }));
  }

  /**
   * Every record of the application, newest connection first. Unbounded (a new row per executor
   * process start): for tests and diagnostics; the API reads through `findPage`.
   */
  findForApplication(organizationId: string, applicationId: string): Promise<ExecutorRecord[]> {
    return this.db.prisma.executor.findMany({
      where: { organizationId, applicationId },
      orderBy: NEWEST_FIRST,
    });
  }

  /**
   * Connected executors first (a CONNECTED row, or a link held here), then the others; each
   * part newest connection first. Paged and counted in SQL (the table gains a row per executor
   * process start): two counts place the page across the parts, each read with `skip`/`take`.
   */
  async findPage(
    organizationId: string,
    applicationId: string,
    query: ExecutorPageQuery,
  ): Promise<{ items: ExecutorRecord[]; total: number }> {
    const { limit, offset } = query;
    const parts = [connectedWhere, othersWhere]
      .map((where) => where(organizationId, applicationId, query))
      .filter((where) => where !== null);
    const counts = await Promise.all(
      parts.map((where) => this.db.prisma.executor.count({ where })),
    );
    let skip = offset;
    let take = limit;
    const reads: Array<Promise<ExecutorRecord[]>> = [];
    for (const [i, where] of parts.entries()) {
      const count = counts[i] ?? 0;
      const here = Math.min(take, Math.max(0, count - skip));
      if (here > 0) {
        reads.push(
          this.db.prisma.executor.findMany({ where, orderBy: NEWEST_FIRST, skip, take: here }),
        );
      }
      take -= here;
      skip = Math.max(0, skip - count);
    }
    const items = (await Promise.all(reads)).flat();
    return { items, total: counts.reduce((sum, n) => sum + n, 0) };
  }

  /** The connected ones (as `findPage` counts them), newest connection first. */
  findConnected(
    organizationId: string,
    applicationId: string,
    linked: ReadonlySet<string>,
  ): Promise<ExecutorRecord[]> {
    const where = connectedWhere(organizationId, applicationId, { linked });
    return where
      ? this.db.prisma.executor.findMany({ where, orderBy: NEWEST_FIRST })
      : Promise.resolve([]);
  }

  /** Applications with an executor recorded CONNECTED (on any replica). */
  async findApplicationsWithConnected(): Promise<
    Array<{ organizationId: string; applicationId: string }>
  > {
    return this.db.prisma.executor.findMany({
      where: { status: 'CONNECTED' },
      distinct: ['applicationId'],
      select: { organizationId: true, applicationId: true },
    });
  }

  /** The application's executors recovered in [from, to): when, and their version. */
  findRecoveredBetween(
    applicationId: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ recoveredAt: Date | null; applicationVersion: string }>> {
    return this.db.prisma.executor.findMany({
      where: { applicationId, recoveredAt: { gte: from, lt: to } },
      select: { recoveredAt: true, applicationVersion: true },
    });
  }

  /**
   * When an executor of the application last disconnected, and its dead ones not recovered (all,
   * and those lost rather than stopped on purpose). An
   * executor still recorded CONNECTED on a replica whose lease passed (as of `now`; not adopted
   * yet) disconnected at that lease's end, as its adoption will record it. One statement, so an
   * adoption lands wholly before or after it.
   */
  async findLiveness(
    applicationId: string,
    now: Date,
  ): Promise<{
    lastDisconnectedAt: Date | null;
    unrecoveredDead: number;
    unrecoveredLost: number;
  }> {
    const [row] = await this.db.prisma.$queryRaw<
      Array<{ lastDisconnectedAt: Date | null; unrecoveredDead: number; unrecoveredLost: number }>
    >`
      SELECT greatest(
               (SELECT max(disconnected_at) FROM executors
                WHERE application_id = ${applicationId}::uuid),
               (SELECT max(r.lease_until) FROM executors e JOIN replicas r ON r.id = e.replica_id
                WHERE e.application_id = ${applicationId}::uuid AND e.status = 'CONNECTED'
                  AND r.lease_until <= ${now}::timestamptz)
             ) AS "lastDisconnectedAt",
             dead."unrecoveredDead", dead."unrecoveredLost"
      FROM (SELECT count(*)::int AS "unrecoveredDead",
                   (count(*) FILTER (WHERE NOT stopped))::int AS "unrecoveredLost"
            FROM executors
            WHERE application_id = ${applicationId}::uuid AND status = 'DEAD'
              AND recovered_at IS NULL) AS dead`;
    return {
      lastDisconnectedAt: row?.lastDisconnectedAt ?? null,
      unrecoveredDead: row?.unrecoveredDead ?? 0,
      unrecoveredLost: row?.unrecoveredLost ?? 0,
    };
  }

  /** The distinct application versions of the records, most recently connected first. */
  async findVersions(organizationId: string, applicationId: string): Promise<string[]> {
    const groups = await this.db.prisma.executor.groupBy({
      by: ['applicationVersion'],
      where: { organizationId, applicationId },
      _max: { connectedAt: true },
      orderBy: { _max: { connectedAt: 'desc' } },
    });
    return groups.map((g) => g.applicationVersion);
  }

  /**
   * Per application (of those given): whether an executor is recorded CONNECTED, and the
   * language of the most recently connected one (null when none ever connected).
   */
  async findFleets(
    organizationId: string,
    applicationIds: readonly string[],
  ): Promise<Map<string, ApplicationFleet>> {
    if (applicationIds.length === 0) return new Map();
    // One index lookup per application (its newest row, and whether one is CONNECTED): Prisma's
    // `distinct` read every executor row of the applications and kept one each in memory.
    const ids = Prisma.join(applicationIds.map((id) => Prisma.sql`(${id}::uuid)`));
    const rows = await this.db.prisma.$queryRaw<
      Array<{ applicationId: string; language: string | null; connected: boolean }>
    >`
      SELECT app.id::text AS "applicationId", latest.language,
             EXISTS (SELECT 1 FROM executors live
                     WHERE live.application_id = app.id AND live.status = 'CONNECTED'
                       AND live.organization_id = ${organizationId}::uuid) AS connected
      FROM (VALUES ${ids}) AS app(id)
      JOIN LATERAL (
        SELECT e.language FROM executors e
        WHERE e.application_id = app.id AND e.organization_id = ${organizationId}::uuid
        ORDER BY e.connected_at DESC, e.id DESC LIMIT 1
      ) latest ON true`;
    return new Map(
      rows.map((r) => [r.applicationId, { connected: r.connected, language: r.language }]),
    );
  }
}

type PartQuery = Pick<ExecutorPageQuery, 'linked' | 'statuses'>;

/** Rows listed as HEALTHY (recorded CONNECTED), or null when the status filter leaves them out. */
function connectedWhere(
  organizationId: string,
  applicationId: string,
  { linked, statuses }: PartQuery,
): Prisma.ExecutorWhereInput | null {
  if (statuses && !statuses.includes(restStatus('CONNECTED'))) return null;
  const connected: Prisma.ExecutorWhereInput[] = [{ status: 'CONNECTED' }];
  if (linked.size > 0) connected.push({ executorId: { in: [...linked] } });
  return { organizationId, applicationId, OR: connected };
}

/**
 * The other rows (their own status stands), or null when the status filter leaves none.
 * DISCONNECTED and DEAD take stopped rows too (the API shows them so, with `stopped`); STOPPED
 * takes only those.
 */
function othersWhere(
  organizationId: string,
  applicationId: string,
  { linked, statuses }: PartQuery,
): Prisma.ExecutorWhereInput | null {
  const wanted = statuses ?? EXECUTOR_STATUS_FILTERS;
  const lost = wanted.filter((s) => s === 'DISCONNECTED' || s === 'DEAD');
  const shown: Prisma.ExecutorWhereInput[] = [];
  if (lost.length > 0) shown.push({ status: { in: lost } });
  if (wanted.includes('STOPPED')) shown.push({ status: { not: 'CONNECTED' }, stopped: true });
  if (shown.length === 0) return null;
  return {
    organizationId,
    applicationId,
    status: { not: 'CONNECTED' },
    OR: shown,
    ...(linked.size > 0 && { executorId: { notIn: [...linked] } }),
  };
}
