import { PERMISSIONS, type Permission } from '@podium/protocol';
import type { RouteSpec } from '../routes/route-spec';

/**
 * The one DBOS permission a route needs, derived from what it is about and its access level
 * (the kind of action): metrics take `metric.read`; an application's routes (and the list of
 * applications) `application.read` to read and `application.write` for anything else; the keys
 * `token.read` / `token.write`; everything else about the organization `organization.read` /
 * `organization.write`. Undefined for public and user-only routes.
 */
export function permissionOfRoute(
  spec: Pick<RouteSpec, 'access' | 'path'>,
): Permission | undefined {
  const { access, path } = spec;
  if (access === 'public' || access === 'user') return undefined;
  const reads = access === 'read';
  if (/\/metrics$/.test(path)) return 'metric.read';
  if (path.startsWith('/v2/orgs/{org}/apps'))
    return reads ? 'application.read' : 'application.write';
  if (path.startsWith('/v2/orgs/{org}/tokens')) return reads ? 'token.read' : 'token.write';
  return reads ? 'organization.read' : 'organization.write';
}

/** Only the permission names this version knows grant anything (a stored list may be older). */
export function knownPermissions(names: readonly string[]): Permission[] {
  return names.filter(isPermission);
}

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS);

function isPermission(name: string): name is Permission {
  return KNOWN.has(name);
}

/**
 * Whether an API key may call the route (by its permission): an application's routes, and the
 * organization's routes DBOS does not gate behind OAuth (`RouteSpec.keys`). Who is in the
 * organization, its roles and settings stay for signed-in users.
 */
export function acceptsApiKeys(spec: Pick<RouteSpec, 'access' | 'path' | 'keys'>): boolean {
  if (spec.access === 'public' || spec.access === 'user') return false;
  return spec.path.includes('{app}') || spec.keys === true;
}

export const API_KEYS_REFUSED_HERE =
  "API keys reach an application's routes (/v2/orgs/{org}/apps/{app}/...) and the organization's API keys, permissions and list of applications; this route needs a signed-in user.";
