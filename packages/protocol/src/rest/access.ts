import type { Role } from './members';

/** What a caller may do inside one organization. Roles and API key permissions both map to these. */
export const ACCESS_LEVELS = ['read', 'operate', 'admin', 'owner'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * The one table of who may do what. Viewers read; operators also act on workflows (cancel,
 * resume, fork, delete); admins also manage apps, keys and members; owners also manage the
 * organization itself. The control plane enforces it; the console shows it.
 */
export const ROLE_ACCESS: Record<Role, readonly AccessLevel[]> = {
  VIEWER: ['read'],
  OPERATOR: ['read', 'operate'],
  ADMIN: ['read', 'operate', 'admin'],
  OWNER: ['read', 'operate', 'admin', 'owner'],
};

/** True when `role` grants no more than `ceiling` (nobody hands out more than they hold). */
export function isRoleWithin(role: Role, ceiling: Role): boolean {
  return ROLE_ACCESS[role].every((level) => ROLE_ACCESS[ceiling].includes(level));
}

/** The level creating each kind of credential takes (the `access` of its create route). */
export const CREDENTIAL_CREATE_ACCESS = {
  apiKey: 'admin',
  joinSecret: 'admin',
} as const satisfies Record<string, AccessLevel>;

/*
 * A credential stays valid only while its creator could still create it: removing a member
 * revokes every live API key and join secret they created, and a new role revokes those the
 * member could no longer create. The checks below decide both. `role` null: not a member.
 */

export function canCreateApiKeys(role: Role | null | undefined): boolean {
  return !!role && ROLE_ACCESS[role].includes(CREDENTIAL_CREATE_ACCESS.apiKey);
}

/** A join secret hands out its role, so its creator must hold at least that role. */
export function canCreateJoinSecret(role: Role | null | undefined, secretRole: Role): boolean {
  return (
    !!role &&
    ROLE_ACCESS[role].includes(CREDENTIAL_CREATE_ACCESS.joinSecret) &&
    isRoleWithin(secretRole, role)
  );
}
