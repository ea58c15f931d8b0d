import type { Role } from '@podium/protocol';

/** What a role may do: the control plane's access table (viewer < operator < admin < owner). */
export type Access = 'read' | 'operate' | 'admin' | 'owner';

const ROLE_ACCESS: Record<Role, readonly Access[]> = {
  VIEWER: ['read'],
  OPERATOR: ['read', 'operate'],
  ADMIN: ['read', 'operate', 'admin'],
  OWNER: ['read', 'operate', 'admin', 'owner'],
};

/** True when `role` grants `access`; an unknown role (still loading) grants nothing. */
export function can(role: Role | undefined, access: Access): boolean {
  return role !== undefined && ROLE_ACCESS[role].includes(access);
}

/** The roles `role` may hand out (nobody grants more than they hold). */
export function grantableRoles(role: Role | undefined): Role[] {
  if (role === undefined) return [];
  const held = ROLE_ACCESS[role];
  return (Object.keys(ROLE_ACCESS) as Role[]).filter((r) =>
    ROLE_ACCESS[r].every((a) => held.includes(a)),
  );
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  OPERATOR: 'Operator',
  VIEWER: 'Viewer',
};
