import { Inject, Injectable } from '@nestjs/common';
import { type Database, Prisma } from '@podium/db';
import { DATABASE } from '../../../infra/database/database.tokens';
import { createWithinQuota, type QUOTA_EXCEEDED } from '../../../infra/database/organization-quota';
import { isUniqueViolation } from '../../../infra/database/unique-violation';

export interface CustomRoleRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly createdAt: Date;
}

/** Why a custom role was not deleted. */
export type RoleDeletionRefusal = 'not_found' | 'assigned';

/** The only place that touches custom roles. */
@Injectable()
export class RolesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  findAll(organizationId: string): Promise<CustomRoleRecord[]> {
    return this.db.prisma.customRole.findMany({
      where: { organizationId },
      orderBy: [{ createdAt: 'asc' }, { name: 'asc' }],
    });
  }

  findOneByName(organizationId: string, name: string): Promise<CustomRoleRecord | null> {
    return this.db.prisma.customRole.findUnique({
      where: { organizationId_name: { organizationId, name } },
    });
  }

  /**
   * 'taken' when the organization has a role of that name, QUOTA_EXCEEDED when it has `max`
   * custom roles (0: no limit).
   */
  async create(
    organizationId: string,
    name: string,
    permissions: readonly string[],
    max: number,
  ): Promise<CustomRoleRecord | 'taken' | typeof QUOTA_EXCEEDED> {
    try {
      return await createWithinQuota(this.db, {
        organizationId,
        max,
        settle: async (tx) =>
          (await tx.customRole.findUnique({
            where: { organizationId_name: { organizationId, name } },
            select: { id: true },
          }))
            ? ('taken' as const)
            : undefined,
        count: (tx) => tx.customRole.count({ where: { organizationId } }),
        create: (tx) =>
          tx.customRole.create({ data: { organizationId, name, permissions: [...permissions] } }),
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  /**
   * Deletes the role unless a member holds it. The foreign key (ON DELETE RESTRICT) settles a
   * grant racing the deletion: whichever commits first wins, the other is refused.
   */
  async delete(organizationId: string, name: string): Promise<'deleted' | RoleDeletionRefusal> {
    const role = await this.findOneByName(organizationId, name);
    if (!role) return 'not_found';
    const holders = await this.db.prisma.membership.count({ where: { customRoleId: role.id } });
    if (holders > 0) return 'assigned';
    try {
      const { count } = await this.db.prisma.customRole.deleteMany({
        where: { id: role.id, organizationId },
      });
      return count === 1 ? 'deleted' : 'not_found';
    } catch (error) {
      if (isForeignKeyViolation(error)) return 'assigned';
      throw error;
    }
  }
}

/** Prisma P2003 (or the adapter's raw 23001/23503): a row still referenced. */
function isForeignKeyViolation(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    (error.code === 'P2003' || /foreign key|violates RESTRICT/i.test(error.message))
  );
}
