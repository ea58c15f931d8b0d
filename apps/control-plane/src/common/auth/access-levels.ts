import type { Role } from '@podium/db';
import type { AccessLevel } from './principal';

/**
 * The one table of who may do what. Viewers read; operators also act on
 * workflows (cancel, resume, fork, delete); admins also manage apps, keys and
 * members; owners also manage the organization itself.
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

/**
 * API keys reach the routes of an application (`/v2/orgs/{org}/apps/{app}/...`: workflows,
 * queues, executors) by these permissions; anything about the organization itself (members,
 * join secrets, keys, audit log) takes a signed-in user.
 */
export const API_KEY_PERMISSION_ACCESS: Record<string, readonly AccessLevel[]> = {
  'workflows:read': ['read'],
  'workflows:write': ['read', 'operate'],
};

export function accessOfApiKey(permissions: readonly string[]): AccessLevel[] {
  return [...new Set(permissions.flatMap((p) => API_KEY_PERMISSION_ACCESS[p] ?? []))];
}

export const API_KEYS_REACH_APPS_ONLY =
  'API keys reach the routes of an application (/v2/orgs/{org}/apps/{app}/...); organization settings need a signed-in user.';
