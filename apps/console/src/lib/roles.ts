import { ROLE_ACCESS, isRoleWithin, type AccessLevel, type Role } from '@podium/protocol/rest';

/** What a role may do: the protocol's access table (viewer < operator < admin < owner). */
export type Access = AccessLevel;

/** True when `role` grants `access`; an unknown role (still loading) grants nothing. */
export function can(role: Role | undefined, access: Access): boolean {
  return role !== undefined && ROLE_ACCESS[role].includes(access);
}

/** The roles `role` may hand out (nobody grants more than they hold). */
export function grantableRoles(role: Role | undefined): Role[] {
  if (role === undefined) return [];
  return (Object.keys(ROLE_ACCESS) as Role[]).filter((r) => isRoleWithin(r, role));
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  OPERATOR: 'Operator',
  VIEWER: 'Viewer',
};
