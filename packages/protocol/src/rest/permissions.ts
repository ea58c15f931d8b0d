import { z } from 'zod';

/**
 * DBOS Conductor's permissions: the one vocabulary of who may do what, for members (through
 * their role) and API keys alike. Every route needs exactly one (see the control plane's
 * `permissionOfRoute`); `GET /v2/orgs/{org}/permissions` lists them.
 */
export const PERMISSIONS = [
  /** The organization, its members and roles, its audit log. */
  'organization.read',
  /** Rename it, manage members, create, delete and grant roles, join secrets, domain claims. */
  'organization.write',
  /** Applications, workflows, queues, schedules, executors, alert rules, versions. */
  'application.read',
  /** Register, change and delete applications; act on workflows, schedules, alert rules. */
  'application.write',
  /** `/v1/metrics` and `.../apps/{app}/metrics`. */
  'metric.read',
  /** List API keys. */
  'token.read',
  /** Create, rename and revoke API keys. */
  'token.write',
  /** Open an executor link (`<base>/websocket/<app>/<key>`). */
  'websocket.connect',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

/** A set of permissions as clients send it: known names, none repeated. */
export const PermissionListSchema = z
  .array(PermissionSchema)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a permission');

/** True when every permission of `wanted` is in `held` (nobody hands out more than they hold). */
export function isWithinPermissions(
  wanted: readonly Permission[],
  held: readonly Permission[],
): boolean {
  return wanted.every((permission) => held.includes(permission));
}

/** `GET /v2/orgs/{org}/permissions`: every permission name. */
export const ListPermissionsResponseSchema = z.array(PermissionSchema);
export type ListPermissionsResponse = z.infer<typeof ListPermissionsResponseSchema>;
