import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './openapi.service';

const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe('the route tables', () => {
  it('give every route of an organization the level it needs there', () => {
    for (const route of API_ROUTES.filter((r) => r.path.includes('{org}'))) {
      expect(['public', 'user'], route.operationId).not.toContain(route.access);
    }
  });

  it('name, for an audited route, a parameter of its path as the target', () => {
    const audited = API_ROUTES.filter((r) => r.audit);
    expect(audited.length).toBeGreaterThanOrEqual(18);
    for (const route of audited) {
      const target = route.audit?.targetParam;
      if (target) expect(pathParams(route.path), route.operationId).toContain(target);
    }
  });
});
