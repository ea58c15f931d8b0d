import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma } from '@podium/db';
import type { PaginationQuery } from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';
import { lockOrganization, QUOTA_EXCEEDED } from '../../infra/database/organization-quota';
import { isUuid } from '../../common/validation/uuid';

export interface ApiKeyRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly prefix: string;
  readonly permissions: readonly string[];
  /** Empty: every application of the organization. */
  readonly applicationIds: readonly string[];
  /** The same applications, by name (for listings). */
  readonly applicationNames: readonly string[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly createdById: string | null;
  readonly createdAt: Date;
}

/** A key revoked along with the one that created it. */
export interface RevokedKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
}

export interface NewApiKey {
  organizationId: string;
  name: string;
  prefix: string;
  secretHash: string;
  permissions: readonly string[];
  applicationIds: readonly string[];
  expiresAt: Date | null;
  createdById: string | null;
  /** The key that created it, when a key did. */
  createdByApiKeyId: string | null;
}

/** Every column but the hash, and the scopes with their names. */
const SELECT = {
  id: true,
  organizationId: true,
  name: true,
  prefix: true,
  permissions: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdById: true,
  createdAt: true,
  applications: {
    select: { applicationId: true, application: { select: { name: true } } },
    orderBy: { application: { name: 'asc' } },
  },
} as const satisfies Prisma.ApiKeySelect;

type Row = Prisma.ApiKeyGetPayload<{ select: typeof SELECT }>;

function mapRecord({ applications, ...row }: Row): ApiKeyRecord {
  return {
    ...row,
    applicationIds: applications.map((a) => a.applicationId),
    applicationNames: applications.map((a) => a.application.name),
  };
}

/**
 * The keys a caller limited to the applications `scope` may see: those limited to applications of
 * it. An unscoped key reaches every application, so it is outside any scope. Empty `scope` (a
 * user, an unscoped key): every key.
 */
function visibleWithin(scope: readonly string[]): Prisma.ApiKeyWhereInput {
  if (scope.length === 0) return {};
  return { applications: { some: {}, every: { applicationId: { in: [...scope] } } } };
}

/** The only place that touches the api_keys tables. Secrets appear here only as hashes. */
@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * 'taken' when a live (unrevoked) key of the organization has that name, QUOTA_EXCEEDED when it
   * has `maxLive` keys neither revoked nor expired (0: no limit).
   */
  create(
    key: NewApiKey,
    maxLive: number,
    now = new Date(),
  ): Promise<ApiKeyRecord | 'taken' | typeof QUOTA_EXCEEDED> {
    const { applicationIds, permissions, ...fields } = key;
    const { organizationId } = key;
    return this.withNameFree(organizationId, key.name, null, async (tx) => {
      if (maxLive > 0) {
        const live = await tx.apiKey.count({
          where: {
            organizationId,
            revokedAt: null,
            OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
          },
        });
        if (live >= maxLive) return QUOTA_EXCEEDED;
      }
      const row = await tx.apiKey.create({
        data: {
          ...fields,
          permissions: [...permissions],
          applications: { create: applicationIds.map((applicationId) => ({ applicationId })) },
        },
        select: SELECT,
      });
      return mapRecord(row);
    });
  }

  /**
   * The key `ref` names: its id, or the name of a live key (a revoked one when no live key has
   * it, the newest: revoking by name twice is fine, as by id). Among the keys a caller limited
   * to `scope` may see (see visibleWithin).
   */
  async findOneByIdOrName(
    organizationId: string,
    ref: string,
    scope: readonly string[],
  ): Promise<ApiKeyRecord | null> {
    const visible = { organizationId, ...visibleWithin(scope) };
    if (isUuid(ref)) {
      const byId = await this.db.prisma.apiKey.findFirst({
        where: { ...visible, id: ref },
        select: SELECT,
      });
      if (byId) return mapRecord(byId);
    }
    const row = await this.db.prisma.apiKey.findFirst({
      where: { ...visible, name: ref },
      select: SELECT,
      orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    });
    return row && mapRecord(row);
  }

  async findOneBySecretHash(secretHash: string): Promise<ApiKeyRecord | null> {
    const row = await this.db.prisma.apiKey.findUnique({ where: { secretHash }, select: SELECT });
    return row && mapRecord(row);
  }

  async findOne(organizationId: string, id: string): Promise<ApiKeyRecord | null> {
    const row = await this.db.prisma.apiKey.findFirst({
      where: { id, organizationId },
      select: SELECT,
    });
    return row && mapRecord(row);
  }

  /** Newest first, revoked keys included; those a caller limited to `scope` may see. */
  async findPage(
    organizationId: string,
    page: PaginationQuery,
    scope: readonly string[],
  ): Promise<{ items: ApiKeyRecord[]; total: number }> {
    const where = { organizationId, ...visibleWithin(scope) };
    const [rows, total] = await Promise.all([
      this.db.prisma.apiKey.findMany({
        where,
        select: SELECT,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.db.prisma.apiKey.count({ where }),
    ]);
    return { items: rows.map(mapRecord), total };
  }

  /** Live (neither revoked nor expired) keys `createdById` created in the organization. */
  async findLiveCreatedBy(
    organizationId: string,
    createdById: string,
    now: Date,
  ): Promise<ApiKeyRecord[]> {
    const rows = await this.db.prisma.apiKey.findMany({
      where: {
        organizationId,
        createdById,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
      select: SELECT,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(mapRecord);
  }

  /**
   * Live keys whose only scope is this application, read under the organization's key lock
   * (see lockOrganization), which the caller's transaction holds to its end: deleting two applications
   * of one key at once cannot leave it with no scope (every application) unrevoked.
   */
  async lockScopedOnlyTo(organizationId: string, applicationId: string): Promise<string[]> {
    await lockOrganization(this.db.prisma, organizationId);
    const rows = await this.db.prisma.apiKey.findMany({
      where: {
        organizationId,
        revokedAt: null,
        applications: { some: { applicationId }, every: { applicationId } },
      },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Null when there is no such key; 'taken' when another live key has the name. */
  async rename(
    organizationId: string,
    id: string,
    name: string,
  ): Promise<ApiKeyRecord | null | 'taken'> {
    const count = await this.withNameFree(organizationId, name, id, async (tx) => {
      const updated = await tx.apiKey.updateMany({ where: { id, organizationId }, data: { name } });
      return updated.count;
    });
    if (count === 'taken') return count;
    return count === 1 ? this.findOne(organizationId, id) : null;
  }

  /**
   * Runs `write` unless a live key of the organization other than `exceptId` is named `name`:
   * under a lock on the organization row, so two creates of one name cannot both pass.
   */
  private withNameFree<T>(
    organizationId: string,
    name: string,
    exceptId: string | null,
    write: (tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T | 'taken'> {
    return this.db.prisma.$transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const holder = await tx.apiKey.findFirst({
        where: {
          organizationId,
          name,
          revokedAt: null,
          ...(exceptId && { id: { not: exceptId } }),
        },
        select: { id: true },
      });
      return holder ? 'taken' : write(tx);
    });
  }

  /**
   * Revokes the live keys key `id` created, and those they created in turn (through revoked
   * ones too: a key made while its creator was being revoked dies at the next revocation);
   * returns them, oldest first.
   */
  async revokeCreatedBy(organizationId: string, id: string, at: Date): Promise<RevokedKey[]> {
    const rows = await this.db.prisma.$queryRaw<RevokedKey[]>`
      WITH RECURSIVE created AS (
        SELECT id, name, prefix, created_at, revoked_at FROM api_keys
        WHERE created_by_api_key_id = ${id}::uuid AND organization_id = ${organizationId}::uuid
        UNION ALL
        SELECT k.id, k.name, k.prefix, k.created_at, k.revoked_at
        FROM api_keys k JOIN created c ON k.created_by_api_key_id = c.id
      )
      SELECT id::text AS id, name, prefix FROM created
      WHERE revoked_at IS NULL ORDER BY created_at, id`;
    if (rows.length === 0) return [];
    await this.db.prisma.apiKey.updateMany({
      where: { id: { in: rows.map((row) => row.id) }, organizationId, revokedAt: null },
      data: { revokedAt: at },
    });
    return rows;
  }

  /** Revokes a key of that organization; false when there is none (or it was revoked already). */
  async revoke(organizationId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.prisma.apiKey.updateMany({
      where: { id, organizationId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count === 1;
  }

  async touchLastUsed(id: string, at: Date): Promise<void> {
    await this.db.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
