import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import type { PaginationQuery } from '@podium/protocol';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { DATABASE } from '../../infra/database/database.tokens';
import { createWithinQuota, type QUOTA_EXCEEDED } from '../../infra/database/organization-quota';
import { isUniqueViolation } from '../../infra/database/unique-violation';
import type { RetentionPushRecord } from './retention-push-record';

export interface ApplicationSettings {
  readonly description?: string;
  readonly executorGracePeriodSeconds?: number;
  /** Null clears a threshold. */
  readonly gcTimeThresholdMs?: number | null;
  readonly gcRowsThreshold?: number | null;
  readonly globalTimeoutMs?: number | null;
  readonly privateMode?: boolean;
}

/** The only place that touches the applications table. Every query is scoped by organization. */
@Injectable()
export class ApplicationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Creates an application (throws if the name is taken; see `tryCreate`). */
  create(
    organizationId: string,
    name: string,
    settings: ApplicationSettings = {},
  ): Promise<ApplicationRecord> {
    return this.db.prisma.application.create({ data: { organizationId, name, ...settings } });
  }

  /**
   * Null when the organization already has an application of that name, QUOTA_EXCEEDED when it
   * has `max` applications (0: no limit). The name is looked up first, under the organization's
   * lock: registering an existing name (DBOS's idempotent PUT) is never a quota refusal.
   */
  async tryCreate(
    organizationId: string,
    name: string,
    settings: ApplicationSettings,
    max: number,
  ): Promise<ApplicationRecord | null | typeof QUOTA_EXCEEDED> {
    try {
      return await createWithinQuota(this.db, {
        organizationId,
        max,
        settle: async (tx) => {
          const taken = await tx.application.findFirst({
            where: { organizationId, name },
            select: { id: true },
          });
          return taken ? null : undefined;
        },
        count: (tx) => tx.application.count({ where: { organizationId } }),
        create: (tx) => tx.application.create({ data: { organizationId, name, ...settings } }),
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  findOneById(organizationId: string, id: string): Promise<ApplicationRecord | null> {
    return this.db.prisma.application.findFirst({ where: { id, organizationId } });
  }

  findOneByName(organizationId: string, name: string): Promise<ApplicationRecord | null> {
    return this.db.prisma.application.findUnique({
      where: { organizationId_name: { organizationId, name } },
    });
  }

  findByNames(organizationId: string, names: readonly string[]): Promise<ApplicationRecord[]> {
    return this.db.prisma.application.findMany({
      where: { organizationId, name: { in: [...names] } },
    });
  }

  /** By name; unpaged (the metrics scrape reads every application of an organization). */
  findAll(organizationId: string): Promise<ApplicationRecord[]> {
    return this.db.prisma.application.findMany({
      where: { organizationId },
      orderBy: { name: 'asc' },
    });
  }

  /** By name; `onlyIds` non-empty: just those (a scoped API key's). */
  async findPage(
    organizationId: string,
    page: PaginationQuery,
    onlyIds: readonly string[] = [],
  ): Promise<{ items: ApplicationRecord[]; total: number }> {
    const where =
      onlyIds.length > 0 ? { organizationId, id: { in: [...onlyIds] } } : { organizationId };
    const [items, total] = await Promise.all([
      this.db.prisma.application.findMany({
        where,
        orderBy: { name: 'asc' },
        take: page.limit,
        skip: page.offset,
      }),
      this.db.prisma.application.count({ where }),
    ]);
    return { items, total };
  }

  async update(
    organizationId: string,
    id: string,
    settings: ApplicationSettings,
  ): Promise<ApplicationRecord | null> {
    const { count } = await this.db.prisma.application.updateMany({
      where: { id, organizationId },
      data: settings,
    });
    return count === 1
      ? this.db.prisma.application.findFirst({ where: { id, organizationId } })
      : null;
  }

  /** Applications of every organization with a retention or timeout threshold set. */
  findWithRetention(): Promise<ApplicationRecord[]> {
    return this.db.prisma.application.findMany({
      where: {
        OR: [
          { gcTimeThresholdMs: { not: null } },
          { gcRowsThreshold: { not: null } },
          { globalTimeoutMs: { not: null } },
        ],
      },
      orderBy: { id: 'asc' },
    });
  }

  /** Keeps the last push's outcome; `updated_at` stays the time settings last changed. */
  async recordRetentionPush(id: string, push: RetentionPushRecord): Promise<void> {
    await this.db.prisma.$executeRaw`
      UPDATE applications
      SET retention_pushed_at = ${push.at}, retention_push_outcome = ${push.outcome},
          retention_push_executor_id = ${push.executorId}, retention_push_detail = ${push.detail}
      WHERE id = ${id}::uuid`;
  }

  /** Deletes it with its executor records and key scopes (cascade). */
  async delete(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.db.prisma.application.deleteMany({
      where: { id, organizationId },
    });
    return count === 1;
  }
}
