// Zod-free (see permission-names.ts): the built-in roles and the checks on them.
import type { RoleOutput } from '../roles';
import { PERMISSIONS, type Permission } from './permission-names';

/** The built-in roles, most powerful first. */
export const ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'OPERATOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The built-in (global) roles and their permissions. Owners and admins hold all eight (DBOS's
 * "Organization Admin"); owners also own the organization (only they touch the owner role and
 * change its settings, and it always keeps one). Members hold all but `organization.write`
 * (DBOS's "Organization Member"). Operators read and act on applications; viewers only read.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  ADMIN: PERMISSIONS,
  MEMBER: PERMISSIONS.filter((permission) => permission !== 'organization.write'),
  OPERATOR: ['organization.read', 'application.read', 'application.write', 'metric.read'],
  VIEWER: ['organization.read', 'application.read', 'metric.read'],
};

/** The built-in role named `role`. */
export function builtInRole(role: Role): RoleOutput {
  return { name: role, permissions: [...ROLE_PERMISSIONS[role]], isGlobal: true };
}

export const BUILT_IN_ROLES: readonly RoleOutput[] = ROLES.map(builtInRole);

/** Whether `name` is a built-in role's (custom roles may not take them, in any case). */
export function isBuiltInRoleName(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}

/** Whether the role is the built-in owner role (Podium's extra on top of permissions). */
export function isOwnerRole(role: RoleOutput | null | undefined): boolean {
  return !!role && role.isGlobal && role.name === 'OWNER';
}

/**
 * The role a claimed domain's new accounts join with. Narrower than DBOS's "Organization
 * Member" (MEMBER): owning an address at the domain is all it takes (sign-up does not verify
 * the mailbox), so it gives no power over API keys or executor links.
 */
export const DOMAIN_CLAIM_ROLE = 'OPERATOR' satisfies Role;
