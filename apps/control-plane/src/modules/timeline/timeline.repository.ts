import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';

/**
 * The incident timeline's read model: what other modules already write (alert_events,
 * executor_events and executors, audit_events), read by time, newest first. Read-only, and the one place these
 * tables are read together. Every query is scoped by organization and bounded by `take`; each
 * source walks an index on (application or organization, time) — see the schema's indexes.
 */

/** Whose timeline: an organization's applications (its id first), or one of them. */
export interface TimelineScope {
  readonly organizationId: string;
  readonly applicationIds: readonly string[];
  /** Set for one application: audit entries name it by id or by name. */
  readonly application?: { readonly id: string; readonly name: string };
}

/** A half-open window [start, end) and how many of the newest rows a source returns. */
export interface TimelineWindow {
  readonly start: Date;
  readonly end: Date;
  readonly take: number;
}

export const EXECUTOR_MOMENTS = {
  'executor.connected': 'connected',
  'executor.disconnected': 'disconnected',
  'executor.dead': 'dead',
  'executor.recovered': 'recovered',
} as const;
export type ExecutorMoment = keyof typeof EXECUTOR_MOMENTS;

export interface ExecutorMomentRow {
  readonly kind: ExecutorMoment;
  readonly at: Date;
  readonly applicationId: string;
  readonly executorId: string;
  readonly applicationVersion: string;
  readonly hostname: string | null;
  readonly stopped: boolean;
}

export interface VersionRow {
  readonly at: Date;
  readonly applicationId: string;
  readonly applicationVersion: string;
  readonly executorId: string;
}

export interface AlertEventRow {
  readonly id: string;
  readonly at: Date;
  readonly applicationId: string;
  readonly ruleId: string | null;
  readonly ruleType: string;
  readonly event: string;
  readonly message: string;
  readonly notified: boolean;
}

export interface AuditRow {
  readonly id: string;
  readonly at: Date;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly outcome: string;
  readonly details: Record<string, unknown>;
  readonly actorUserId: string | null;
  readonly actorApiKeyId: string | null;
  readonly actorName: string | null;
}

@Injectable()
export class TimelineRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Each application of the organization, by id (names events and scopes the org timeline). */
  async findApplicationNames(organizationId: string): Promise<Map<string, string>> {
    const apps = await this.db.prisma.application.findMany({
      where: { organizationId },
      select: { id: true, name: true },
    });
    return new Map(apps.map((app) => [app.id, app.name]));
  }

  findAlertEvents(
    scope: TimelineScope,
    window: TimelineWindow,
    events: readonly string[],
  ): Promise<AlertEventRow[]> {
    return this.db.prisma.alertEvent.findMany({
      where: {
        organizationId: scope.organizationId,
        applicationId: { in: [...scope.applicationIds] },
        event: { in: [...events] },
        at: { gte: window.start, lt: window.end },
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: window.take,
    });
  }

  /** Every moment of every executor link in the window (executor_events), newest first. */
  findExecutorMoments(
    scope: TimelineScope,
    window: TimelineWindow,
    moments: readonly ExecutorMoment[],
  ): Promise<ExecutorMomentRow[]> {
    if (moments.length === 0 || scope.applicationIds.length === 0) return Promise.resolve([]);
    const kinds = Prisma.join(moments.map((moment) => EXECUTOR_MOMENTS[moment]));
    return this.db.prisma.$queryRaw<ExecutorMomentRow[]>`
      SELECT 'executor.' || kind AS kind, at, application_id AS "applicationId",
             executor_id AS "executorId", application_version AS "applicationVersion",
             hostname, stopped
      FROM executor_events
      WHERE ${this.executorScope(scope)} AND kind IN (${kinds})
        AND at >= ${window.start}::timestamptz AND at < ${window.end}::timestamptz
      ORDER BY at DESC, id DESC
      LIMIT ${window.take}`;
  }

  /**
   * When each version of each application was first seen: its earliest link, from the history
   * (executor_events) or, for what the history no longer holds, the executors table
   * (`created_at` is the database's clock at an executor's first link, `connected_at` ours at its
   * latest).
   */
  findVersionsFirstSeen(scope: TimelineScope, window: TimelineWindow): Promise<VersionRow[]> {
    if (scope.applicationIds.length === 0) return Promise.resolve([]);
    return this.db.prisma.$queryRaw<VersionRow[]>`
      SELECT "applicationId", "applicationVersion", min(at) AS at,
             (array_agg("executorId" ORDER BY at))[1] AS "executorId"
      FROM (
        SELECT application_id AS "applicationId", application_version AS "applicationVersion",
               least(created_at, connected_at) AS at, executor_id AS "executorId"
        FROM executors
        WHERE ${this.executorScope(scope)}
        UNION ALL
        SELECT application_id, application_version, at, executor_id
        FROM executor_events
        WHERE ${this.executorScope(scope)} AND kind = 'connected'
      ) AS seen
      GROUP BY "applicationId", "applicationVersion"
      HAVING min(at) >= ${window.start}::timestamptz AND min(at) < ${window.end}::timestamptz
      ORDER BY at DESC
      LIMIT ${window.take}`;
  }

  /**
   * Operator actions, with the actor's current name. For one application: entries naming it
   * (`applicationId` or `applicationName` in their details, or the application as target).
   */
  findAuditEntries(scope: TimelineScope, window: TimelineWindow): Promise<AuditRow[]> {
    const app = scope.application;
    const aboutApp = app
      ? Prisma.sql`AND (a.details->>'applicationId' = ${app.id}
                    OR a.details->>'applicationName' = ${app.name}
                    OR (a.target_type = 'application' AND a.target_id = ${app.name}))`
      : Prisma.empty;
    return this.db.prisma.$queryRaw<AuditRow[]>`
      SELECT a.id, a.created_at AS at, a.action, a.target_type AS "targetType",
             a.target_id AS "targetId", a.outcome::text AS outcome, a.details,
             a.actor_user_id AS "actorUserId", a.actor_api_key_id AS "actorApiKeyId",
             coalesce(u.display_name, k.name, a.subject_display) AS "actorName"
      FROM audit_events a
      LEFT JOIN users u ON u.id = a.actor_user_id
      LEFT JOIN api_keys k ON k.id = a.actor_api_key_id AND k.organization_id = a.organization_id
      WHERE a.organization_id = ${scope.organizationId}::uuid
        AND a.created_at >= ${window.start}::timestamptz AND a.created_at < ${window.end}::timestamptz
        ${aboutApp}
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT ${window.take}`;
  }

  private executorScope(scope: TimelineScope): Prisma.Sql {
    const ids = Prisma.join(scope.applicationIds.map((id) => Prisma.sql`${id}::uuid`));
    return Prisma.sql`organization_id = ${scope.organizationId}::uuid AND application_id IN (${ids})`;
  }
}
