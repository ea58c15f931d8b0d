import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type AuditOutcome, type Database } from '@podium/db';
import type { PaginationQuery } from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';

export interface NewAuditEvent {
  readonly organizationId: string;
  readonly actorUserId: string | null;
  readonly actorApiKeyId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly outcome: AuditOutcome;
  readonly details: Record<string, unknown>;
}

export interface AuditEventRecord extends NewAuditEvent {
  readonly id: string;
  readonly createdAt: Date;
  /** The actor's current name (user display name or key name); null once deleted. */
  readonly actorName: string | null;
}

export interface AuditEventFilter {
  readonly action?: string;
  /** A user id or API key id. */
  readonly actorId?: string;
  readonly targetId?: string;
  readonly targetType?: string;
  readonly outcome?: AuditOutcome;
  readonly since?: Date;
  readonly until?: Date;
}

/** The only place that touches the audit_events table. Every read is scoped by organization. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(event: NewAuditEvent): Promise<void> {
    await this.db.prisma.auditEvent.create({
      data: { ...event, details: event.details as Prisma.InputJsonObject },
    });
  }

  /** Deletes every entry older than its organization's retention; returns how many. */
  deleteExpired(now: Date): Promise<number> {
    return this.db.prisma.$executeRaw`
      DELETE FROM audit_events e USING organizations o
      WHERE e.organization_id = o.id
        AND e.created_at < ${now}::timestamptz - make_interval(days => o.audit_log_retention_days)`;
  }

  /** Newest first. */
  async findPage(
    organizationId: string,
    filter: AuditEventFilter,
    page: PaginationQuery,
  ): Promise<{ items: AuditEventRecord[]; total: number }> {
    const where: Prisma.AuditEventWhereInput = {
      organizationId,
      action: filter.action,
      targetId: filter.targetId,
      targetType: filter.targetType,
      outcome: filter.outcome,
      ...(filter.actorId && {
        OR: [{ actorUserId: filter.actorId }, { actorApiKeyId: filter.actorId }],
      }),
      ...((filter.since || filter.until) && {
        createdAt: { gte: filter.since, lt: filter.until },
      }),
    };
    const [rows, total] = await Promise.all([
      this.db.prisma.auditEvent.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.db.prisma.auditEvent.count({ where }),
    ]);
    const names = await this.actorNames(organizationId, rows);
    return {
      items: rows.map((row) => ({
        ...row,
        details: row.details as Record<string, unknown>,
        actorName: names.get(row.actorUserId ?? row.actorApiKeyId ?? '') ?? null,
      })),
      total,
    };
  }

  private async actorNames(
    organizationId: string,
    rows: readonly { actorUserId: string | null; actorApiKeyId: string | null }[],
  ): Promise<Map<string, string>> {
    const userIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
    const keyIds = [...new Set(rows.flatMap((r) => (r.actorApiKeyId ? [r.actorApiKeyId] : [])))];
    const [users, keys] = await Promise.all([
      userIds.length > 0
        ? this.db.prisma.user.findMany({
            where: { id: { in: userIds } },
            select: { id: true, displayName: true },
          })
        : [],
      keyIds.length > 0
        ? this.db.prisma.apiKey.findMany({
            where: { id: { in: keyIds }, organizationId },
            select: { id: true, name: true },
          })
        : [],
    ]);
    return new Map([
      ...users.map((u): [string, string] => [u.id, u.displayName]),
      ...keys.map((k): [string, string] => [k.id, k.name]),
    ]);
  }
}
