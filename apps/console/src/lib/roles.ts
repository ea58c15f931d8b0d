import {
  isBuiltInRoleName,
  isRoleWithin,
  type Permission,
  type Role,
  type RoleOutput,
} from '@podium/protocol/rest';

/** True when `role` holds `permission`; an unknown role (still loading) holds nothing. */
export function can(role: RoleOutput | undefined, permission: Permission): boolean {
  return role !== undefined && role.permissions.includes(permission);
}

/**
 * The roles `role` may hand out: it manages members (`organization.write`) and holds every
 * permission of the role (only owners give the owner role).
 */
export function grantableRoles<R extends RoleOutput>(
  role: RoleOutput | undefined,
  roles: readonly R[],
): R[] {
  if (!role || !can(role, 'organization.write')) return [];
  return roles.filter((r) => isRoleWithin(r, role));
}

/** A role as `/v2/users/me` names it (its name and the permissions it gives). */
export function roleOf(name: string, permissions: readonly Permission[]): RoleOutput {
  return { name, permissions: [...permissions], isGlobal: isBuiltInRoleName(name) };
}

const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  MEMBER: 'Member',
  OPERATOR: 'Operator',
  VIEWER: 'Viewer',
};

/** Built-in roles by their label; custom roles by their name. */
export function roleLabel(name: string): string {
  return isBuiltInRoleName(name) ? ROLE_LABELS[name] : name;
}
