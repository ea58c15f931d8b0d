import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database } from '@podium/db';
import { EXECUTOR_STATUS_FILTERS, type ExecutorStatusFilter } from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';
import type { ExecutorIdentity } from './executor-registry';
import type { ApplicationFleet } from './application-fleet';
import { restStatus, type ExecutorSnapshot } from './executor-snapshot';
import type { LinkContext } from './links/executor-link';

/** A page of an application's executors (see `findPage`). */
export interface ExecutorPageQuery {
  /** Executor ids whose link this process holds: connected, whatever their row says. */
  readonly linked: ReadonlySet<string>;
  /** Only these statuses (or STOPPED: the stopped ones); all when absent. */
  readonly statuses?: readonly ExecutorStatusFilter[];
  readonly limit: number;
  readonly offset: number;
}

/** A row of the executors table: an executor's snapshot and the row's id. */
export interface ExecutorRecord extends ExecutorSnapshot {
  readonly id: string;
}

/** How many of an application's executors of one version are in one recorded status. */
export interface UnrecoveredCount {
  readonly applicationId: string;
  readonly status: ExecutorRecord['status'];
  readonly applicationVersion: string;
  readonly count: number;
}

/** The moments of a link the executors' history records (`executor_events.kind`). */
export type ExecutorMomentKind = 'connected' | 'disconnected' | 'dead' | 'recovered';

/** An executor whose link another replica holds (`findConnectedElsewhere`). */
export interface RemoteExecutorRecord extends ExecutorIdentity {
  readonly connectedAt: Date;
  readonly replicaId: string;
}

/** A record with its application's grace period, read with it (so a changed setting applies). */
export interface GracedExecutorRecord extends ExecutorRecord {
  readonly gracePeriodSeconds: number;
}

/**
 * The executors table and its history (executor_events): links, deaths, recoveries and the reads
 * over them. Recovery claims between replicas are RecoveryClaimsRepository's.
 */
@Injectable()
export class ExecutorsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Records a (re)connection; a reconnect of the same executor id updates its row, whatever its
   * status: within the grace period it is simply connected again; after it (a "zombie" that was
   * declared dead) it is alive, so a later death starts afresh. Returns when the row was
   * created (its first connection).
   */
  async recordConnected(
    context: LinkContext,
    identity: ExecutorIdentity,
    at: Date,
    replicaId: string,
  ): Promise<Date> {
    const fields = {
      applicationVersion: identity.applicationVersion,
      hostname: identity.hostname,
      language: identity.language,
      sdkVersion: identity.sdkVersion,
      metadata: (identity.metadata as Prisma.InputJsonValue | null) ?? Prisma.DbNull,
      status: 'CONNECTED' as const,
      apiKeyId: context.apiKeyId,
      connectedAt: at,
      disconnectedAt: null,
      lastSeenAt: at,
      deadAt: null,
      recoveredAt: null,
      stopped: false,
      recoveryClaimedBy: null,
      replicaId,
    };
    const row = await this.db.prisma.executor.upsert({
      where: {
        applicationId_executorId: {
          applicationId: context.applicationId,
          executorId: identity.executorId,
        },
      },
      create: {
        organizationId: context.organizationId,
        applicationId: context.applicationId,
        executorId: identity.executorId,
        ...fields,
      },
      update: fields,
    });
    await this.recordMoments([row], 'connected', at);
    return row.createdAt;
  }

  /**
   * Marks the executor disconnected (`stopped` when it closed the link itself, normally), unless
   * a newer link of the same executor connected meanwhile (its connectedAt is later than this
   * link's). Either way its grace period starts: a stopped executor may have left work.
   */
  async recordDisconnected(
    context: LinkContext,
    executorId: string,
    connectedAt: Date,
    at: Date,
    stopped = false,
  ): Promise<boolean> {
    const rows = await this.db.prisma.executor.updateManyAndReturn({
      where: { applicationId: context.applicationId, executorId, connectedAt, status: 'CONNECTED' },
      data: { status: 'DISCONNECTED', disconnectedAt: at, lastSeenAt: at, stopped },
    });
    await this.recordMoments(rows, 'disconnected', at);
    return rows.length > 0;
  }

  /**
   * Rows CONNECTED with no replica (theirs stopped or was adopted without recording them; rows
   * from before replicas existed), connected before `before` (a new process's start: none of
   * its own links), are disconnected as of `at`, which starts their grace period.
   */
  async disconnectOrphans(before: Date, at: Date): Promise<number> {
    const rows = await this.db.prisma.executor.updateManyAndReturn({
      where: { status: 'CONNECTED', replicaId: null, connectedAt: { lt: before } },
      data: { status: 'DISCONNECTED', disconnectedAt: at },
    });
    await this.recordMoments(rows, 'disconnected', at);
    return rows.length;
  }

  /**
   * Adoption of a replica whose lease passed (inside the transaction that holds its row): the
   * executors it left CONNECTED are disconnected as of `at`, which starts their grace period.
   * A reconnect elsewhere has already moved a row to its new replica, so it is not touched.
   */
  async disconnectLinksOf(replicaId: string, at: Date): Promise<ExecutorRecord[]> {
    const rows = await this.db.prisma.executor.updateManyAndReturn({
      where: { replicaId, status: 'CONNECTED' },
      data: { status: 'DISCONNECTED', disconnectedAt: at, lastSeenAt: at },
    });
    await this.recordMoments(rows, 'disconnected', at);
    return rows;
  }

  /**
   * The application's executors linked to another live replica (CONNECTED, on a replica whose
   * lease has not passed), newest connection first: where commands are routed through Redis.
   */
  findConnectedElsewhere(
    applicationId: string,
    replicaId: string,
    now: Date,
  ): Promise<RemoteExecutorRecord[]> {
    return this.db.prisma.executor.findMany({
      where: {
        applicationId,
        status: 'CONNECTED',
        replicaId: { not: replicaId },
        replica: { is: { leaseUntil: { gt: now } } },
      },
      select: {
        executorId: true,
        applicationVersion: true,
        hostname: true,
        language: true,
        sdkVersion: true,
        metadata: true,
        connectedAt: true,
        replicaId: true,
      },
      orderBy: NEWEST_FIRST,
    }) as Promise<RemoteExecutorRecord[]>;
  }

  /** DISCONNECTED executors (of every application, or of one), each with its grace period. */
  async findDisconnected(
    where: { applicationId: string; executorId: string } | null = null,
  ): Promise<GracedExecutorRecord[]> {
    const rows = await this.db.prisma.executor.findMany({
      where: { status: 'DISCONNECTED', ...where },
      include: { application: { select: { executorGracePeriodSeconds: true } } },
      orderBy: { disconnectedAt: 'asc' },
    });
    return rows.map(({ application, ...row }) => ({
      ...row,
      gracePeriodSeconds: application.executorGracePeriodSeconds,
    }));
  }

  /**
   * DISCONNECTED → DEAD, unless it changed meanwhile (reconnected, or disconnected again: its
   * `disconnectedAt` differs). Returns the updated record, or null when nothing changed.
   */
  async markDead(id: string, disconnectedAt: Date, at: Date): Promise<ExecutorRecord | null> {
    const [row] = await this.db.prisma.executor.updateManyAndReturn({
      where: { id, status: 'DISCONNECTED', disconnectedAt },
      data: { status: 'DEAD', deadAt: at },
    });
    await this.recordMoments(row ? [row] : [], 'dead', at);
    return row ?? null;
  }

  /** DEAD executors whose recovery is not confirmed yet, longest dead first. */
  findUnrecovered(
    where: { applicationId: string; applicationVersion: string } | null = null,
  ): Promise<ExecutorRecord[]> {
    return this.db.prisma.executor.findMany({
      where: { status: 'DEAD', recoveredAt: null, ...where },
      orderBy: { deadAt: 'asc' },
    });
  }

  /** Confirms a DEAD executor's recovery; null when it is no longer DEAD and unrecovered. */
  async markRecovered(id: string, at: Date): Promise<ExecutorRecord | null> {
    const [row] = await this.db.prisma.executor.updateManyAndReturn({
      where: { id, status: 'DEAD', recoveredAt: null },
      data: { recoveredAt: at },
    });
    await this.recordMoments(row ? [row] : [], 'recovered', at);
    return row ?? null;
  }

  /** Forgets link moments older than `cutoff` (the history's retention); returns how many. */
  async deleteEventsBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.prisma.executorEvent.deleteMany({
      where: { at: { lt: cutoff } },
    });
    return count;
  }

  /**
   * Forgets the executors recovered before `cutoff` (the history's retention): dead, their work
   * done elsewhere, nothing left to act on. One that was never recovered stays, awaiting it.
   */
  async deleteRecoveredBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.prisma.executor.deleteMany({
      where: { status: 'DEAD', recoveredAt: { lt: cutoff } },
    });
    return count;
  }

  /** The history the incident timeline reads: one row per moment of a link. */
  private async recordMoments(
    rows: readonly ExecutorRecord[],
    kind: ExecutorMomentKind,
    at: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.prisma.executorEvent.createMany({
      data: rows.map((row) => ({
        organizationId: row.organizationId,
        applicationId: row.applicationId,
        executorId: row.executorId,
        applicationVersion: row.applicationVersion,
        hostname: row.hostname,
        kind,
        stopped: kind === 'disconnected' && row.stopped,
        at,
      })),
    });
  }

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
   * The application's executors recorded CONNECTED by other live replicas than `replicaId` (the
   * one asking counts its own links itself). A replica whose lease passed holds no links any more:
   * its executors, redialing elsewhere, are not counted twice while it waits to be adopted.
   */
  async countConnectedElsewhere(
    organizationId: string,
    applicationId: string,
    replicaId: string,
  ): Promise<number> {
    const [row] = await this.db.prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count
      FROM executors e JOIN replicas r ON r.id = e.replica_id
      WHERE e.organization_id = ${organizationId}::uuid
        AND e.application_id = ${applicationId}::uuid
        AND e.status = 'CONNECTED'
        AND e.replica_id <> ${replicaId}::uuid
        AND r.lease_until > now()`;
    return row?.count ?? 0;
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

/** Newest connection first; the id (UUIDv7, time-ordered) breaks ties so pages are stable. */
const NEWEST_FIRST = [
  { connectedAt: 'desc' },
  { id: 'desc' },
] satisfies Prisma.ExecutorOrderByWithRelationInput[];

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
