import { Injectable } from '@nestjs/common';
import {
  AppError,
  type CreateOrganizationRequest,
  type ListOrganizationsResponse,
  type Organization,
  type PaginationQuery,
} from '@podium/protocol';
import type { Principal } from '../../common/auth/principal';
import type { OrgScope } from '../../common/auth/request-context';
import { toCountedPage } from '../../common/pagination/counted-page';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { mapOrganization } from './organizations.dto';
import { OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Creates an organization owned by the caller. (A refused create has no organization to audit in.) */
  async createOrganization(
    principal: Principal & { kind: 'user' },
    input: CreateOrganizationRequest,
  ): Promise<Organization> {
    const organization = await this.organizations.createWithOwner(
      { name: input.name, displayName: input.displayName ?? input.name },
      principal.userId,
    );
    if (!organization) {
      throw new AppError('CONFLICT', `The organization name "${input.name}" is taken.`);
    }
    await this.audit.record({
      organizationId: organization.id,
      principal,
      action: AUDIT_ACTIONS.organizationCreate,
      targetType: AUDIT_TARGETS.organization,
      targetId: organization.id,
      outcome: 'SUCCESS',
      details: { name: organization.name },
    });
    return mapOrganization(organization, 'OWNER');
  }

  async findOrganizationsOfUser(
    userId: string,
    page: PaginationQuery,
  ): Promise<ListOrganizationsResponse> {
    const { items, total } = await this.organizations.findMembershipsOfUser(userId, page);
    return toCountedPage(
      items.map(({ organization, role }) => mapOrganization(organization, role)),
      total,
      page,
    );
  }

  getOrganization(scope: OrgScope): Organization {
    return mapOrganization(scope.organization, scope.role);
  }
}
