import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma, Role } from '@podium/db';
import type { PaginationQuery, RoleOutput } from '@podium/protocol';
import { DATABASE } from '../../../infra/database/database.tokens';
import { HELD_ROLE_SELECT, heldRoleOf } from '../roles/held-role';

export interface MemberRecord {
  readonly userId: string;
  readonly organizationId: string;
  readonly email: string;
  readonly displayName: string;
  /** The user's DBOS user name and profile (see UserRecord). */
  readonly name: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly company: string;
  readonly role: RoleOutput;
  readonly joinedAt: Date;
}

/** The role a membership is given: a built-in one or a custom one (by id). */
export type RoleAssignment =
  { role: Role; customRoleId: null } | { role: null; customRoleId: string };

/** Why a membership change did not happen. */
export type MembershipRefusal = 'not_found' | 'last_owner';

const WITH_USER = {
  user: {
    select: {
      email: true,
      displayName: true,
      name: true,
      givenName: true,
      familyName: true,
      company: true,
    },
  },
  customRole: HELD_ROLE_SELECT.customRole,
} as const;

function mapRecord(row: {
  userId: string;
  organizationId: string;
  role: Role | null;
  customRole: { name: string; permissions: string[] } | null;
  createdAt: Date;
  user: Pick<
    MemberRecord,
    'email' | 'displayName' | 'name' | 'givenName' | 'familyName' | 'company'
  >;
}): MemberRecord {
  return {
    userId: row.userId,
    organizationId: row.organizationId,
    role: heldRoleOf(row),
    joinedAt: row.createdAt,
    ...row.user,
  };
}

/**
 * The only place that changes memberships. Every change that could remove an owner runs
 * under a lock on the organization row, so two concurrent demotions cannot leave it ownerless.
 */
@Injectable()
export class MembersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findPage(
    organizationId: string,
    page: PaginationQuery,
  ): Promise<{ items: MemberRecord[]; total: number }> {
    const where = { organizationId };
    const [rows, total] = await Promise.all([
      this.db.prisma.membership.findMany({
        where,
        include: WITH_USER,
        orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
        take: page.limit,
        skip: page.offset,
      }),
      this.db.prisma.membership.count({ where }),
    ]);
    return { items: rows.map(mapRecord), total };
  }

  async findOne(organizationId: string, userId: string): Promise<MemberRecord | null> {
    const row = await this.db.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      include: WITH_USER,
    });
    return row && mapRecord(row);
  }

  /** The member whose user has this DBOS user name. */
  async findOneByUserName(organizationId: string, name: string): Promise<MemberRecord | null> {
    const row = await this.db.prisma.membership.findFirst({
      where: { organizationId, user: { name } },
      include: WITH_USER,
    });
    return row && mapRecord(row);
  }

  /** Replaces the member's one role (a custom role deleted meanwhile fails its foreign key). */
  updateRole(
    organizationId: string,
    userId: string,
    assignment: RoleAssignment,
  ): Promise<MemberRecord | MembershipRefusal> {
    return this.keepingAnOwner(organizationId, userId, assignment.role === 'OWNER', (tx) =>
      tx.membership
        .update({
          where: { organizationId_userId: { organizationId, userId } },
          data: assignment,
          include: WITH_USER,
        })
        .then(mapRecord),
    );
  }

  async remove(organizationId: string, userId: string): Promise<'removed' | MembershipRefusal> {
    return this.keepingAnOwner(organizationId, userId, false, async (tx) => {
      await tx.membership.delete({
        where: { organizationId_userId: { organizationId, userId } },
      });
      return 'removed' as const;
    });
  }

  /** Runs `change` on an existing membership unless it would take away the last owner. */
  private keepingAnOwner<T>(
    organizationId: string,
    userId: string,
    staysOwner: boolean,
    change: (tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T | MembershipRefusal> {
    return this.db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
      const current = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
        select: { role: true },
      });
      if (!current) return 'not_found';
      if (current.role === 'OWNER' && !staysOwner) {
        const owners = await tx.membership.count({ where: { organizationId, role: 'OWNER' } });
        if (owners <= 1) return 'last_owner';
      }
      return change(tx);
    });
  }
}
