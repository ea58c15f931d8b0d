import { SELF_HOSTED_PLAN, type Organization, type Role } from '@podium/protocol';
import type { OrganizationRecord } from '../../common/auth/tenancy';

export function mapOrganization(organization: OrganizationRecord, role: Role | null): Organization {
  return {
    id: organization.id,
    name: organization.name,
    displayName: organization.displayName,
    createdAt: organization.createdAt.toISOString(),
    role,
    auditLogRetentionDays: organization.auditLogRetentionDays,
    ...SELF_HOSTED_PLAN,
  };
}
