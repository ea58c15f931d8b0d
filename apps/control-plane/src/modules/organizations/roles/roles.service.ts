import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  BUILT_IN_ROLES,
  PERMISSIONS,
  builtInRole,
  isBuiltInRoleName,
  type CreateRoleRequest,
  type CreateRoleResponse,
  type ListPermissionsResponse,
  type ListRolesResponse,
  type RoleOutput,
} from '@podium/protocol';
import type { OrgScope } from '../../../common/auth/request-context';
import { quotaExceeded } from '../../../common/errors/quota-exceeded';
import { CONFIG, type Config } from '../../../config/config';
import { QUOTA_EXCEEDED } from '../../../infra/database/organization-quota';
import { AUDIT_ACTIONS, auditedAction } from '../../audit/audit-actions';
import { AuditService } from '../../audit/audit.service';
import { heldRoleOf } from './held-role';
import { type CustomRoleRecord, RolesRepository } from './roles.repository';

/** A role a member can be given: built in (`customRoleId` null) or the organization's own. */
export interface GrantableRole {
  readonly role: RoleOutput;
  readonly customRoleId: string | null;
}

/**
 * DBOS Conductor's roles: the built-in (global) ones and each organization's custom ones, which
 * are created and deleted (only while nobody holds them), never changed.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly roles: RolesRepository,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  findPermissions(): ListPermissionsResponse {
    return [...PERMISSIONS];
  }

  async findRoles(scope: OrgScope): Promise<ListRolesResponse> {
    const custom = await this.roles.findAll(scope.organization.id);
    return [...BUILT_IN_ROLES, ...custom.map(mapCustomRole)];
  }

  /** The role named `name` in the organization: built in, or one of its own; else not found. */
  async getGrantableRole(scope: OrgScope, name: string): Promise<GrantableRole> {
    if (isBuiltInRoleName(name)) return { role: builtInRole(name), customRoleId: null };
    const custom = await this.roles.findOneByName(scope.organization.id, name);
    if (!custom) throw notFound(scope, name);
    return { role: mapCustomRole(custom), customRoleId: custom.id };
  }

  createRole(scope: OrgScope, input: CreateRoleRequest): Promise<CreateRoleResponse> {
    const action = auditedAction(scope, AUDIT_ACTIONS.roleCreate, input.name, {
      permissions: input.permissions,
    });
    return this.audit.track(action, async () => {
      if (isBuiltInName(input.name)) {
        throw new AppError('CONFLICT', `"${input.name}" is a built-in role's name.`);
      }
      const max = this.config.quotas.customRolesPerOrg;
      const created = await this.roles.create(
        scope.organization.id,
        input.name,
        input.permissions,
        max,
      );
      if (created === QUOTA_EXCEEDED) throw quotaExceeded('custom roles', max);
      if (created === 'taken') {
        throw new AppError(
          'CONFLICT',
          `"${scope.organization.name}" already has a role named "${input.name}".`,
        );
      }
      const { name, permissions } = mapCustomRole(created);
      return { name, permissions };
    });
  }

  deleteRole(scope: OrgScope, name: string): Promise<void> {
    const action = auditedAction(scope, AUDIT_ACTIONS.roleDelete, name);
    return this.audit.track(action, async () => {
      if (isBuiltInRoleName(name)) {
        throw new AppError('CONFLICT', `${name} is a built-in role: it cannot be deleted.`);
      }
      const outcome = await this.roles.delete(scope.organization.id, name);
      if (outcome === 'not_found') throw notFound(scope, name);
      if (outcome === 'assigned') {
        throw new AppError(
          'CONFLICT',
          `Members hold the role "${name}": grant them another role before deleting it.`,
        );
      }
    });
  }
}

function mapCustomRole(record: CustomRoleRecord): RoleOutput {
  return heldRoleOf({
    role: null,
    customRole: { name: record.name, permissions: [...record.permissions] },
  });
}

/** Built-in names are reserved in any case, so `viewer` cannot pass for `VIEWER`. */
function isBuiltInName(name: string): boolean {
  return isBuiltInRoleName(name.toUpperCase());
}

function notFound(scope: OrgScope, name: string): AppError {
  return new AppError('NOT_FOUND', `No role named "${name}" in "${scope.organization.name}".`);
}
