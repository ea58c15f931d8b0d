import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma, Role } from '@podium/db';
import type { PaginationQuery } from '@podium/protocol';
import { DATABASE } from '../../../infra/database/database.tokens';
import { createWithinQuota, type QUOTA_EXCEEDED } from '../../../infra/database/organization-quota';

export interface JoinSecretRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly role: Role;
  readonly prefix: string;
  readonly expiresAt: Date;
  readonly maxUses: number;
  readonly uses: number;
  readonly revokedAt: Date | null;
  readonly createdById: string | null;
  readonly createdAt: Date;
}

/** Everything but the hash. */
const FIELDS = {
  id: true,
  organizationId: true,
  role: true,
  prefix: true,
  expiresAt: true,
  maxUses: true,
  uses: true,
  revokedAt: true,
  createdById: true,
  createdAt: true,
} as const;

export type RedeemOutcome = 'joined' | 'already_member' | 'unusable';

/** The only place that touches join_secrets (and, when one is redeemed, adds the membership). */
@Injectable()
export class JoinSecretsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * QUOTA_EXCEEDED when the organization has `max` usable secrets (unrevoked, unexpired, uses
   * left; 0: no limit).
   */
  create(
    secret: {
      organizationId: string;
      role: Role;
      prefix: string;
      secretHash: string;
      expiresAt: Date;
      maxUses: number;
      createdById: string | null;
    },
    max: number,
    now: Date,
  ): Promise<JoinSecretRecord | typeof QUOTA_EXCEEDED> {
    const { organizationId } = secret;
    return createWithinQuota(this.db, {
      organizationId,
      max,
      count: async (tx) => {
        const [row] = await tx.$queryRaw<Array<{ usable: number }>>`
          SELECT count(*)::int AS usable FROM join_secrets
          WHERE organization_id = ${organizationId}::uuid AND revoked_at IS NULL
            AND expires_at > ${now} AND uses < max_uses`;
        return row?.usable ?? 0;
      },
      create: (tx) => tx.joinSecret.create({ data: secret, select: FIELDS }),
    });
  }

  /** Newest first. */
  async findPage(
    organizationId: string,
    page: PaginationQuery,
  ): Promise<{ items: JoinSecretRecord[]; total: number }> {
    const where = { organizationId };
    const [items, total] = await Promise.all([
      this.db.prisma.joinSecret.findMany({
        where,
        select: FIELDS,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.db.prisma.joinSecret.count({ where }),
    ]);
    return { items, total };
  }

  findOne(organizationId: string, id: string): Promise<JoinSecretRecord | null> {
    return this.db.prisma.joinSecret.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  findOneBySecretHash(secretHash: string): Promise<JoinSecretRecord | null> {
    return this.db.prisma.joinSecret.findUnique({ where: { secretHash }, select: FIELDS });
  }

  /** Live (not revoked, expired or used up) secrets `createdById` created in the organization. */
  findLiveCreatedBy(
    organizationId: string,
    createdById: string,
    now: Date,
  ): Promise<JoinSecretRecord[]> {
    return this.db.prisma.joinSecret.findMany({
      where: {
        organizationId,
        createdById,
        revokedAt: null,
        expiresAt: { gt: now },
        uses: { lt: this.db.prisma.joinSecret.fields.maxUses },
      },
      select: FIELDS,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** False when there is no such live secret (or it was revoked already). */
  async revoke(organizationId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.prisma.joinSecret.updateMany({
      where: { id, organizationId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count === 1;
  }

  /**
   * Uses the secret once and makes `userId` a member, atomically: the use is counted only if
   * the secret is still live and has uses left, so concurrent redemptions cannot exceed maxUses.
   */
  redeem(secret: JoinSecretRecord, userId: string, now: Date): Promise<RedeemOutcome> {
    const { organizationId } = secret;
    return this.db.prisma.$transaction(async (tx) => {
      const existing = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
        select: { role: true },
      });
      if (existing) return 'already_member';
      if (!(await countJoinSecretUse(tx, secret.id, now))) return 'unusable';
      await tx.membership.create({ data: { organizationId, userId, role: secret.role } });
      return 'joined';
    });
  }
}

/**
 * Counts one use of the secret, only if it is still live and has uses left (so concurrent
 * redemptions cannot exceed maxUses); false when it is not. Inside the caller's transaction,
 * which adds the membership.
 */
async function countJoinSecretUse(
  tx: Prisma.TransactionClient,
  secretId: string,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.joinSecret.updateMany({
    where: {
      id: secretId,
      revokedAt: null,
      expiresAt: { gt: now },
      uses: { lt: tx.joinSecret.fields.maxUses },
    },
    data: { uses: { increment: 1 } },
  });
  return count === 1;
}
