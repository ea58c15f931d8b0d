import {
  SELF_HOSTED_PLAN,
  type Organization,
  type Permission,
  type RoleOutput,
} from '@podium/protocol';
import type { OrganizationRecord } from '../../common/auth/tenancy';

/** The organization as `role` sees it (null: an API key, with `permissions` of its own). */
export function mapOrganization(
  organization: OrganizationRecord,
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
    ...SELF_HOSTED_PLAN,
  };
}
