import { Inject, Injectable } from '@nestjs/common';
import type { Database, Role } from '@podium/db';
import { DATABASE } from '../../infra/database/database.module';

export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The only place that touches the organizations and memberships tables. */
@Injectable()
export class OrganizationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  findByName(name: string): Promise<OrganizationRecord | null> {
    return this.db.prisma.organization.findUnique({ where: { name } });
  }

  async findRole(organizationId: string, userId: string): Promise<Role | null> {
    const membership = await this.db.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: { role: true },
    });
    return membership?.role ?? null;
  }
}
