import { CSRF_COOKIE, CSRF_HEADER } from '@podium/protocol';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../sessions/session-cookies';
import { acceptsApiKeys } from '../../common/auth/route-permission';
import type { Credential, RouteSpec } from '../../common/routes/route-spec';

/**
 * How callers authenticate, for the OpenAPI document: the security schemes, and which a route
 * accepts (from its access kind, the API key permission table and whether it changes state).
 */

type JsonSchema = Record<string, unknown>;

/** Credentials as security schemes. */
export const SECURITY_SCHEMES: Record<Credential, readonly [string, JsonSchema]> = {
  bearer: [
    'bearerAuth',
    {
      type: 'http',
      scheme: 'bearer',
      description:
        "An API key (`pdm_...`), for machine clients. Reaches, by its permissions and application scope, the routes of an application (workflows, queues, executors) and the organization's API keys, permissions and list of applications (DBOS Conductor's routes not gated behind OAuth); never members, roles or settings. Needs no CSRF token.",
    },
  ],
  session: [
    'sessionCookie',
    {
      type: 'apiKey',
      in: 'cookie',
      name: ACCESS_COOKIE,
      description: 'A console session: the HttpOnly access cookie set by `POST /v2/sessions`.',
    },
  ],
  refresh: [
    'refreshCookie',
    {
      type: 'apiKey',
      in: 'cookie',
      name: REFRESH_COOKIE,
      description:
        'The HttpOnly refresh cookie set by `POST /v2/sessions` (sent to `/v2/sessions` only).',
    },
  ],
  csrf: [
    'csrfToken',
    {
      type: 'apiKey',
      in: 'header',
      name: CSRF_HEADER,
      description: `With session cookies, on requests that change state: the value of the \`${CSRF_COOKIE}\` cookie.`,
    },
  ],
};

/** The credentials a route accepts: one entry per way to authenticate. */
export function securityOf(route: RouteSpec): ReadonlyArray<readonly Credential[]> {
  if (route.security) return route.security;
  if (route.access === 'public') return [];
  // Browsers attach cookies on their own: a cookie request that changes state proves its origin.
  const session: Credential[] = route.method === 'get' ? ['session'] : ['session', 'csrf'];
  // Keys are taken by the route's permission where DBOS takes them (see OrgAccessGuard).
  return acceptsApiKeys(route) ? [['bearer'], session] : [session];
}
