import type { AccessLevel } from './principal';

// Who may do what, by role, is a REST fact (the console shows it too): it lives in the protocol,
// with the rule for which credentials a member may create and keep (`canCreateApiKeys`, ...).
export { ROLE_ACCESS, isRoleWithin } from '@podium/protocol';

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
