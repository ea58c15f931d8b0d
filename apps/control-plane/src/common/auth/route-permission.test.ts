import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../modules/openapi/openapi.service';
import { permissionOfRoute } from './route-permission';

const permissionOf = (method: string, path: string) => {
  const route = API_ROUTES.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  return permissionOfRoute(route);
};

describe('the DBOS permission each route needs', () => {
  it('follows what the route is about and whether it only reads', () => {
    expect(permissionOf('get', '/v2/orgs/{org}/apps/{app}/workflows')).toBe('application.read');
    expect(permissionOf('post', '/v2/orgs/{org}/apps/{app}/workflows/{workflowId}/cancel')).toBe(
      'application.write',
    );
    expect(permissionOf('delete', '/v2/orgs/{org}/apps/{app}')).toBe('application.write');
    expect(permissionOf('get', '/v2/orgs/{org}/apps/{app}/metrics')).toBe('metric.read');
    expect(permissionOf('get', '/v2/orgs/{org}/tokens')).toBe('token.read');
    expect(permissionOf('post', '/v2/orgs/{org}/tokens/{tokenName}')).toBe('token.write');
    expect(permissionOf('get', '/v2/orgs/{org}/members')).toBe('organization.read');
    expect(permissionOf('put', '/v2/orgs/{org}/members/{userId}/roles/{roleName}')).toBe(
      'organization.write',
    );
    expect(permissionOf('patch', '/v2/orgs/{org}')).toBe('organization.write');
    expect(permissionOf('get', '/v2/users/me')).toBeUndefined();
  });

  it('gives every route of an organization one', () => {
    const orgRoutes = API_ROUTES.filter((r) => r.path.includes('{org}'));
    expect(orgRoutes.filter((r) => permissionOfRoute(r) === undefined)).toEqual([]);
  });
});
