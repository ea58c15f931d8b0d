import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';
import type { ExecutorIdentity } from './executor-registry';
import type { ExecutorSnapshot } from './executor-snapshot';
import type { LinkContext } from './links/executor-link';

/** A row of the executors table: an executor's snapshot and the row's id. */
export interface ExecutorRecord extends ExecutorSnapshot {
  readonly id: string;
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
 * The executors table and its history (executor_events) as links, deaths and recoveries write
 * them, with the reads those need. What the API, console, metrics and alerts read is
 * ExecutorListingsRepository's; recovery claims between replicas are RecoveryClaimsRepository's.
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
}

/** Newest connection first; the id (UUIDv7, time-ordered) breaks ties so pages are stable. */
export const NEWEST_FIRST = [
  { connectedAt: 'desc' },
  { id: 'desc' },
] satisfies Prisma.ExecutorOrderByWithRelationInput[];
