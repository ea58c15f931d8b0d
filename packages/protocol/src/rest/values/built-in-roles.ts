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

/**
 * DBOS Conductor's names for its two built-in roles, accepted wherever a role is named (grant,
 * delete), so a DBOS client granting "Organization Member" by name gets the same permissions.
 * Podium lists and reports the roles under its own names.
 */
export const DBOS_ROLE_NAMES = {
  'Organization Admin': 'ADMIN',
  'Organization Member': 'MEMBER',
} as const satisfies Record<string, Role>;
export type DbosRoleName = keyof typeof DBOS_ROLE_NAMES;

/** The built-in role `name` refers to, by Podium's name or DBOS's; null for any other name. */
export function builtInRoleNamed(name: string): Role | null {
  if (isBuiltInRoleName(name)) return name;
  return Object.hasOwn(DBOS_ROLE_NAMES, name) ? DBOS_ROLE_NAMES[name as DbosRoleName] : null;
}

/** Whether the role is the built-in owner role (Podium's extra on top of permissions). */
export function isOwnerRole(role: RoleOutput | null | undefined): boolean {
  return !!role && role.isGlobal && role.name === 'OWNER';
}

/** The role a claimed domain's new accounts join with (DBOS's "Organization Member"). */
export const DOMAIN_CLAIM_ROLE = 'MEMBER' satisfies Role;
