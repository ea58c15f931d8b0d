// Zod-free values of the REST API: the console's browser code imports these at run time, so its
// first-load JavaScript carries no zod (the schemas beside them stay the source of truth for
// shapes; these are the names and numbers those schemas are built from).

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
export type Permission = (typeof PERMISSIONS)[number];

/** True when every permission of `wanted` is in `held` (nobody hands out more than they hold). */
export function isWithinPermissions(
  wanted: readonly Permission[],
  held: readonly Permission[],
): boolean {
  return wanted.every((permission) => held.includes(permission));
}
