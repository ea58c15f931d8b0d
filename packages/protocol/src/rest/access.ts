// Zod-free (see values/permission-names.ts): the console's browser code checks these.
import type { RoleOutput } from './roles';
import { builtInRole, isOwnerRole, type Role } from './values/built-in-roles';
import { isWithinPermissions, type Permission } from './values/permission-names';

/**
 * What kind of action a route is, in the route tables: reading, acting on workflows, managing,
 * or owning the organization. The control plane turns it into the one DBOS permission the
 * route needs (by what the route is about: an application, the metrics, the keys or the
 * organization); `owner` routes also need the built-in owner role.
 */
export const ACCESS_LEVELS = ['read', 'operate', 'admin', 'owner'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** True when `role` grants no more than `ceiling` (nobody hands out more than they hold). */
export function isRoleWithin(role: RoleOutput, ceiling: RoleOutput): boolean {
  if (isOwnerRole(role) && !isOwnerRole(ceiling)) return false;
  return isWithinPermissions(role.permissions, ceiling.permissions);
}

/*
 * A credential stays valid only while its creator could still create it: removing a member
 * revokes every live API key and join secret they created, and a new role revokes those the
 * member could no longer create. The checks below decide both. `creator` null: not a member.
 */

/**
 * Creating a key takes `token.write` and every permission the key carries. The creator: a
 * member's role, or the permissions of the API key creating it.
 */
export function canCreateApiKey(
  creator: { readonly permissions: readonly Permission[] } | null | undefined,
  keyPermissions: readonly Permission[],
): boolean {
  return (
    !!creator &&
    creator.permissions.includes('token.write') &&
    isWithinPermissions(keyPermissions, creator.permissions)
  );
}

/** A join secret hands out its role: its creator manages members and holds at least that role. */
export function canCreateJoinSecret(
  creator: RoleOutput | null | undefined,
  secretRole: Role,
): boolean {
  return (
    !!creator &&
    creator.permissions.includes('organization.write') &&
    isRoleWithin(builtInRole(secretRole), creator)
  );
}
