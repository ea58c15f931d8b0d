import { Inject, Injectable } from '@nestjs/common';
import type { Database, Role } from '@podium/db';
import { DATABASE } from '../../../infra/database/database.tokens';
import { isUniqueViolation } from '../../../infra/database/unique-violation';

export interface DomainClaimRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly domain: string;
  readonly requestedById: string | null;
  readonly createdAt: Date;
}

const FIELDS = {
  id: true,
  organizationId: true,
  domain: true,
  requestedById: true,
  createdAt: true,
} as const;

/** The only place that touches domain_claims (and, at sign-up, adds the membership one grants). */
@Injectable()
export class DomainClaimsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** 'taken' when any organization (this one included) already claims the domain. */
  async create(claim: {
    organizationId: string;
    domain: string;
    requestedById: string | null;
  }): Promise<DomainClaimRecord | 'taken'> {
    try {
      return await this.db.prisma.domainClaim.create({ data: claim, select: FIELDS });
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  findForOrganization(organizationId: string): Promise<DomainClaimRecord[]> {
    return this.db.prisma.domainClaim.findMany({
      where: { organizationId },
      orderBy: { domain: 'asc' },
      select: FIELDS,
    });
  }

  findOneByDomain(domain: string): Promise<DomainClaimRecord | null> {
    return this.db.prisma.domainClaim.findUnique({ where: { domain }, select: FIELDS });
  }

  async delete(organizationId: string, domain: string): Promise<boolean> {
    const { count } = await this.db.prisma.domainClaim.deleteMany({
      where: { organizationId, domain },
    });
    return count > 0;
  }

  /** A new account joins the claiming organization (in the sign-up's transaction). */
  async addMember(organizationId: string, userId: string, role: Role): Promise<void> {
    await this.db.prisma.membership.create({ data: { organizationId, userId, role } });
  }
}
