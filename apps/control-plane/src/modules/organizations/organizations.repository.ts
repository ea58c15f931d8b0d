import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import type { PaginationQuery, RoleOutput } from '@podium/protocol';
import type { OrganizationRecord } from '../../common/auth/tenancy';
import { DATABASE } from '../../infra/database/database.tokens';
import { isUniqueViolation } from '../../infra/database/unique-violation';
import { HELD_ROLE_SELECT, heldRoleOf } from './roles/held-role';

export interface OrganizationMembership {
  readonly organization: OrganizationRecord;
  readonly role: RoleOutput;
}

/** The only place that touches the organizations table (and reads memberships for access). */
@Injectable()
export class OrganizationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  findOneByName(name: string): Promise<OrganizationRecord | null> {
    return this.db.prisma.organization.findUnique({ where: { name } });
  }

  findOneById(id: string): Promise<OrganizationRecord | null> {
    return this.db.prisma.organization.findUnique({ where: { id } });
  }

  async findOneRole(organizationId: string, userId: string): Promise<RoleOutput | null> {
    const membership = await this.db.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: HELD_ROLE_SELECT,
    });
    return membership && heldRoleOf(membership);
  }

  /** Creates the organization with `ownerId` as its owner, atomically; null when the name is taken. */
  async createWithOwner(
    organization: { name: string; displayName: string },
    ownerId: string,
  ): Promise<OrganizationRecord | null> {
    try {
      return await this.db.prisma.organization.create({
        data: { ...organization, memberships: { create: { userId: ownerId, role: 'OWNER' } } },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** 'taken' when `name` is another organization's. */
  async update(
    id: string,
    changes: { name?: string; auditLogRetentionDays?: number },
  ): Promise<OrganizationRecord | 'taken'> {
    try {
      return await this.db.prisma.organization.update({ where: { id }, data: changes });
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  /** The user's organizations, oldest membership first. */
  async findMembershipsOfUser(
    userId: string,
    page?: PaginationQuery,
  ): Promise<{ items: OrganizationMembership[]; total: number }> {
    const where = { userId };
    const [rows, total] = await Promise.all([
      this.db.prisma.membership.findMany({
        where,
        include: { organization: true, customRole: HELD_ROLE_SELECT.customRole },
        orderBy: [{ createdAt: 'asc' }, { organizationId: 'asc' }],
        ...(page && { take: page.limit, skip: page.offset }),
      }),
      this.db.prisma.membership.count({ where }),
    ]);
    return {
      items: rows.map((row) => ({ organization: row.organization, role: heldRoleOf(row) })),
      total,
    };
  }
}
