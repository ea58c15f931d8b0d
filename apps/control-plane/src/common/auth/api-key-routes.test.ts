import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../modules/openapi/openapi.service';
import type { RouteSpec } from '../routes/route-spec';
import { acceptsApiKeys } from './route-permission';

/** DBOS Conductor's published API, vendored for the drift test. */
const DBOS_SPEC = path.join(
  __dirname,
  '../../../test/e2e/fixtures/dbos-conductor-api/openapi-3.1.json',
);

/**
 * Routes DBOS documents as taking keys that its spec does not list yet: renaming a key
 * (`PATCH O/tokens/{tokenName}`, in the newest docs only) needs `token.write` like revoking.
 */
const DOCUMENTED_OUTSIDE_THE_SPEC = new Set(['renameApiKey']);

type Operation = { 'x-dbos-requires-oauth'?: boolean };

/** `GET /v2/orgs/{}/tokens`: parameters compared by position, as the drift test does. */
const keyOf = (method: string, route: string) =>
  `${method.toUpperCase()} ${route.replace(/\{[^}]+\}/g, '{}')}`;

/** DBOS's operations, each with whether it is for OAuth users only. */
function dbosOperations(): Map<string, boolean> {
  const doc = JSON.parse(fs.readFileSync(DBOS_SPEC, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = new Map<string, boolean>();
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      operations.set(keyOf(method, route), op['x-dbos-requires-oauth'] === true);
    }
  }
  return operations;
}

describe('the routes API keys may call', () => {
  const dbos = dbosOperations();
  const orgRoutes = API_ROUTES.filter((r) => r.path.includes('{org}'));
  const inDbos = (r: RouteSpec) => dbos.has(keyOf(r.method, r.path));

  it("are DBOS Conductor's: every operation it does not gate behind OAuth, and no other", () => {
    const served = orgRoutes.filter(inDbos);
    expect(served.length).toBeGreaterThan(40);
    for (const route of served) {
      const oauthOnly = dbos.get(keyOf(route.method, route.path));
      expect(acceptsApiKeys(route), route.operationId).toBe(!oauthOnly);
    }
  });

  it("are, among Podium's own routes, an application's (and what DBOS documents beyond its spec)", () => {
    for (const route of orgRoutes.filter((r) => !inDbos(r))) {
      const expected =
        route.path.includes('{app}') || DOCUMENTED_OUTSIDE_THE_SPEC.has(route.operationId);
      expect(acceptsApiKeys(route), route.operationId).toBe(expected);
    }
  });

  it('include the keys, permissions and applications of the organization, never its members', () => {
    const accepting = orgRoutes.filter((r) => !r.path.includes('{app}') && acceptsApiKeys(r));
    expect(accepting.map((r) => r.operationId).sort()).toEqual([
      'createNamedApiKey',
      'listApiKeys',
      'listApplications',
      'listPermissions',
      'renameApiKey',
      'revokeApiKey',
    ]);
  });

  it('never include user-only or public routes', () => {
    for (const route of API_ROUTES.filter((r) => r.access === 'user' || r.access === 'public')) {
      expect(acceptsApiKeys(route), route.operationId).toBe(false);
    }
  });
});
