import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type CreateOrganizationRequest,
  type Organization,
  type PaginationQuery,
  type RoleOutput,
  builtInRole,
  type UpdateOrganizationRequest,
  type UserOrganization,
  type Paginated,
} from '@podium/protocol';
import type { Principal } from '../../common/auth/principal';
import type { OrgScope } from '../../common/auth/request-context';
import type { OrganizationRecord } from '../../common/auth/tenancy';
import { toCountedPage } from '../../common/pagination/counted-page';
import { Transactions } from '../../infra/database/transactions';
import { EventBus } from '../../infra/events/event-bus';
import { AUDIT_ACTIONS, auditedAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { CONFIG, type Config } from '../../config/config';
import { mapOrganization, organizationPlan, type OrganizationPlan } from './organizations.dto';
import { OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  private readonly plan: OrganizationPlan;

  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
    private readonly events: EventBus,
    @Inject(CONFIG) config: Pick<Config, 'quotas'>,
  ) {
    this.plan = organizationPlan(config.quotas);
  }

  /** Creates an organization owned by the caller. (A refused create has no organization to audit in.) */
  async createOrganization(
    principal: Principal & { kind: 'user' },
    input: CreateOrganizationRequest,
  ): Promise<Organization> {
    // The organization and its audit record commit together.
    const organization = await this.transactions.run(async () => {
      const created = await this.organizations.createWithOwner(
        { name: input.name, displayName: input.displayName ?? input.name },
        principal.userId,
      );
      if (!created) {
        throw new AppError('CONFLICT', `The organization name "${input.name}" is taken.`);
      }
      await this.audit.record({
        organizationId: created.id,
        principal,
        action: AUDIT_ACTIONS.organizationCreate.name,
        targetType: AUDIT_ACTIONS.organizationCreate.targetType,
        targetId: created.id,
        outcome: 'SUCCESS',
        details: { name: created.name },
      });
      return created;
    });
    return mapOrganization(organization, this.plan, builtInRole('OWNER'));
  }

  /** Null when there is no organization of that name. */
  findOneByName(name: string): Promise<OrganizationRecord | null> {
    return this.organizations.findOneByName(name);
  }

  /** The user's role in the organization; null when not a member. */
  findOneRole(organizationId: string, userId: string): Promise<RoleOutput | null> {
    return this.organizations.findOneRole(organizationId, userId);
  }

  /** Every organization of the user with their role there, oldest membership first. */
  async findMembershipsOfUser(userId: string): Promise<UserOrganization[]> {
    const { items } = await this.organizations.findMembershipsOfUser(userId);
    return items.map(({ organization, role }) => ({
      id: organization.id,
      name: organization.name,
      displayName: organization.displayName,
      role: role.name,
      permissions: role.permissions,
    }));
  }

  async findOrganizationsOfUser(
    userId: string,
    page: PaginationQuery,
  ): Promise<Paginated<Organization>> {
    const { items, total } = await this.organizations.findMembershipsOfUser(userId, page);
    return toCountedPage(
      items.map(({ organization, role }) => mapOrganization(organization, this.plan, role)),
      total,
      page,
    );
  }

  getOrganization(scope: OrgScope): Organization {
    return mapOrganization(scope.organization, this.plan, scope.role, scope.permissions);
  }

  /**
   * Renames the organization (its old name stops resolving at once, on every replica) or
   * changes its audit log's retention; audited with DBOS Conductor's detail names.
   */
  updateOrganization(scope: OrgScope, input: UpdateOrganizationRequest): Promise<void> {
    const organizationId = scope.organization.id;
    const action = auditedAction(scope, AUDIT_ACTIONS.organizationUpdate, organizationId, {
      ...(input.newName !== undefined && { new_name: input.newName }),
      ...(input.auditLogRetentionDays !== undefined && {
        audit_log_retention_days: input.auditLogRetentionDays,
      }),
    });
    return this.audit.track(action, async () => {
      const updated = await this.organizations.update(organizationId, {
        name: input.newName,
        auditLogRetentionDays: input.auditLogRetentionDays,
      });
      if (updated === 'taken') {
        throw new AppError('CONFLICT', `The organization name "${input.newName}" is taken.`);
      }
      this.events.emit('organization.updated', { organizationId });
    });
  }
}
