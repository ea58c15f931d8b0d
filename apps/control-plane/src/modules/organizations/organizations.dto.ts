import {
  NO_LIMIT,
  SELF_HOSTED_PLAN,
  type Organization,
  type Permission,
  type RoleOutput,
} from '@podium/protocol';
import type { OrganizationRecord } from '../../common/auth/tenancy';
import type { Config } from '../../config/config';

/** DBOS Conductor's plan fields of an organization. */
export type OrganizationPlan = Pick<Organization, keyof typeof SELF_HOSTED_PLAN>;

/**
 * The plan fields every organization here has: SELF_HOSTED_PLAN, with this installation's
 * application quota as `maxApps` (DBOS's clients read it as how many applications they may
 * register).
 */
export function organizationPlan(quotas: Config['quotas']): OrganizationPlan {
  const maxApps = quotas.applicationsPerOrg === 0 ? NO_LIMIT : quotas.applicationsPerOrg;
  return { ...SELF_HOSTED_PLAN, maxApps, maxConductorApps: maxApps };
}

/** The organization as `role` sees it (null: an API key, with `permissions` of its own). */
export function mapOrganization(
  organization: OrganizationRecord,
  plan: OrganizationPlan,
  role: RoleOutput | null,
  permissions: readonly Permission[] = role?.permissions ?? [],
): Organization {
  return {
    id: organization.id,
    name: organization.name,
    displayName: organization.displayName,
    createdAt: organization.createdAt.toISOString(),
    role: role?.name ?? null,
    permissions: [...permissions],
    auditLogRetentionDays: organization.auditLogRetentionDays,
    ...plan,
  };
}
