import { describe, expect, it } from 'vitest';
import { renderDocsPage } from './docs-page';
import { buildOpenApiDocument } from './openapi.document';
import { API_ROUTES } from './openapi.service';

const doc = buildOpenApiDocument(API_ROUTES, { title: 'Podium', version: '0.0.0' });
const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;

type Operation = {
  operationId: string;
  summary: string;
  security: Array<Record<string, string[]>>;
  parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: unknown;
};
const op = (path: string, method: string) => doc.paths[path]?.[method] as Operation;

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
  );
}

describe('the OpenAPI document', () => {
  it('describes every route once, with a unique operation id and a one-line summary', () => {
    const operations = Object.values(doc.paths).flatMap(
      (methods) => Object.values(methods) as Operation[],
    );
    expect(operations).toHaveLength(API_ROUTES.length);
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations) expect(o.summary, o.operationId).toMatch(/^[^\n]{5,100}$/);
  });

  it('documents exactly the path parameters of each template', () => {
    for (const route of API_ROUTES) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const documented = op(route.path, route.method)
        .parameters.filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(documented, route.operationId).toEqual(inPath);
    }
  });

  it('resolves every $ref to a component', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas).toHaveProperty([ref.split('/').at(-1) ?? '']);
    }
  });

  it('documents lists as bare arrays with their page in headers', () => {
    const responseOf = (path: string, method: string) =>
      op(path, method).responses['200'] as {
        headers?: Record<string, unknown>;
        content: { 'application/json': { schema: { $ref: string } } };
      };
    const apps = responseOf('/v2/orgs/{org}/apps', 'get');
    const body = schemas[apps.content['application/json'].schema.$ref.split('/').at(-1) ?? ''];
    expect(body).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/Application' },
    });
    expect(Object.keys(apps.headers ?? {})).toEqual([
      'X-Total-Count',
      'X-Page-Limit',
      'X-Page-Offset',
      'X-Next-Offset',
      'Link',
    ]);
    const search = responseOf('/v2/orgs/{org}/apps/{app}/workflows/search', 'post');
    expect(Object.keys(search.headers ?? {})).toEqual([
      'X-Total-Count',
      'X-Page-Limit',
      'X-Page-Offset',
      'X-Next-Offset',
      'X-Podium-Last-Known-At',
      'X-Podium-Last-Known-Reason',
    ]);
    const versions = responseOf('/v2/orgs/{org}/apps/{app}/versions', 'get');
    expect(Object.keys(versions.headers ?? {})).toEqual(['X-Podium-Source']);
    expect(responseOf('/v2/orgs/{org}/apps/{app}', 'get').headers).toBeUndefined();
  });

  it('documents parameters, bodies and executor problems from the zod schemas', () => {
    const search = op('/v2/orgs/{org}/apps/{app}/workflows/search', 'post');
    expect(search.requestBody).toMatchObject({ required: false });
    expect(Object.keys(search.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '422', '403', '404', '501', '502', '503']),
    );
    const list = op('/v2/orgs/{org}/apps/{app}/workflows', 'get');
    const status = list.parameters.find((p) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', schema: { type: 'array' } });
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['org', 'app', 'limit', 'offset', 'sortDesc', 'loadInput']),
    );
    const fork = doc.paths['/v2/orgs/{org}/apps/{app}/workflows/{workflowId}/fork']?.post;
    // DBOS Conductor's 204 to a cancel, its result (200) only when asked with Prefer.
    const cancel = op('/v2/orgs/{org}/apps/{app}/workflows/{workflowId}/cancel', 'post');
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['200', '204']));
    expect(cancel.parameters.find((p) => p.name === 'Prefer')).toMatchObject({ in: 'header' });
    // DBOS Conductor: every field optional (from the start), 201 Created.
    expect(fork).toMatchObject({ requestBody: { required: false }, 'x-podium-access': 'operate' });
    expect(Object.keys(fork?.responses ?? {})).toContain('201');
  });

  it('carries the descriptions the protocol schemas give their fields', () => {
    const descriptionOf = (schema: string, field: string) =>
      (schemas[schema]?.properties as Record<string, { description?: string }>)[field]?.description;
    expect(descriptionOf('Workflow', 'input')).toMatch(/never JSON-parse/);
    expect(descriptionOf('ApiKey', 'prefix')).toMatch(/never the secret/);
    const audit = op('/v2/orgs/{org}/audit-logs', 'get');
    expect(audit.parameters.find((p) => p.name === 'startTime')).toMatchObject({
      description: 'Inclusive lower bound on `emitTime`.',
    });
  });

  it('states success statuses: 201 for creations, 204 without a body for removals', () => {
    expect(Object.keys(op('/v2/orgs/{org}/apps', 'post').responses)).toContain('201');
    const removal = op('/v2/orgs/{org}/apps/{app}', 'delete').responses;
    expect(removal['204']).toEqual({ description: 'No content' });
    expect(removal['200']).toBeUndefined();
    expect(op('/readyz', 'get').responses['503']).toMatchObject({
      content: { 'application/json': {} },
    });
  });

  it('lists 429 RATE_LIMITED on authenticated routes (an address past its API key budget), not on public ones', () => {
    expect(Object.keys(op('/v2/orgs/{org}/apps', 'get').responses)).toContain('429');
    expect(Object.keys(op('/v1/metrics', 'get').responses)).toContain('429');
    expect(Object.keys(op('/healthz', 'get').responses)).not.toContain('429');
  });

  it('names the credentials of each kind of route', () => {
    const bearerOrCookie = [{ bearerAuth: [] }, { sessionCookie: [], csrfToken: [] }];
    expect(op('/v2/orgs/{org}/apps/{app}/workflows/{workflowId}/cancel', 'post').security).toEqual(
      bearerOrCookie,
    );
    expect(op('/v2/orgs/{org}/apps/{app}/workflows', 'get').security).toEqual([
      { bearerAuth: [] },
      { sessionCookie: [] },
    ]);
    // Keys manage keys where DBOS lets them (its routes not gated behind OAuth)...
    expect(op('/v2/orgs/{org}/tokens/{tokenName}', 'post').security).toEqual(bearerOrCookie);
    expect(op('/v2/orgs/{org}/tokens', 'get').security).toEqual([
      { bearerAuth: [] },
      { sessionCookie: [] },
    ]);
    // ...never members, roles or Podium's own organization routes; nor users-only routes.
    expect(op('/v2/orgs/{org}/members', 'get').security).toEqual([{ sessionCookie: [] }]);
    expect(op('/v2/orgs/{org}/tokens', 'post').security).toEqual([
      { sessionCookie: [], csrfToken: [] },
    ]);
    expect(op('/v2/users/me', 'get').security).toEqual([{ sessionCookie: [] }]);
    expect(op('/v2/users/me/sessions', 'get').security).toEqual([{ sessionCookie: [] }]);
    expect(op('/v2/users/me/sessions/{sessionId}', 'delete').security).toEqual([
      { sessionCookie: [], csrfToken: [] },
    ]);
    expect(op('/v2/users/me/password', 'put').security).toEqual([
      { sessionCookie: [], csrfToken: [] },
    ]);
    expect(Object.keys(op('/v2/users/me/password', 'put').responses)).toEqual(
      expect.arrayContaining(['204', '401', '403', '422', '429']),
    );
    expect(op('/v2/sessions/refresh', 'post').security).toEqual([
      { refreshCookie: [], csrfToken: [] },
    ]);
    expect(op('/healthz', 'get').security).toEqual([]);
    expect(Object.keys(op('/healthz', 'get').responses)).toEqual(['200']);
    expect(Object.keys((doc.components as { securitySchemes: object }).securitySchemes)).toEqual([
      'bearerAuth',
      'sessionCookie',
      'refreshCookie',
      'csrfToken',
    ]);
  });

  it('renders a self-contained docs page with every operation and field descriptions', () => {
    const html = renderDocsPage(doc);
    for (const route of API_ROUTES) expect(html).toContain(`<article id="${route.operationId}">`);
    expect(html).toContain('/v2/orgs/{org}/apps/{app}/workflows/bulk-cancel');
    expect(html).toContain('credentials: sessionCookie + csrfToken');
    expect(html).toContain('href="#schema-Workflow"');
    expect(html).toContain('never JSON-parse it');
    expect(html).not.toMatch(/<script|(src|href)="https?:/);
  });

  describe('in OpenAPI 3.0', () => {
    const doc30 = buildOpenApiDocument(API_ROUTES, { title: 'Podium', version: '0.0.0' }, '3.0');

    /** Every JSON Schema keyword a 3.0 reader rejects, where it occurs. */
    function beyond30(value: unknown, at = ''): string[] {
      if (Array.isArray(value)) return value.flatMap((v, i) => beyond30(v, `${at}/${i}`));
      if (typeof value !== 'object' || value === null) return [];
      const record = value as Record<string, unknown>;
      const here: string[] = [];
      if (Array.isArray(record.type)) here.push(`${at}: type ${JSON.stringify(record.type)}`);
      if (record.type === 'null') here.push(`${at}: type null`);
      if ('const' in record) here.push(`${at}: const`);
      for (const key of ['exclusiveMinimum', 'exclusiveMaximum']) {
        if (typeof record[key] === 'number') here.push(`${at}: numeric ${key}`);
      }
      for (const key of ['$schema', '$defs', 'prefixItems', 'examples']) {
        if (key in record && at.includes('/schemas/')) here.push(`${at}: ${key}`);
      }
      return [
        ...here,
        ...Object.entries(record).flatMap(([key, v]) => beyond30(v, `${at}/${key}`)),
      ];
    }

    it('describes the same operations and components, in 3.0.3', () => {
      expect(doc30.openapi).toBe('3.0.3');
      const operations = (d: typeof doc) =>
        Object.entries(d.paths).flatMap(([path, ops]) =>
          Object.keys(ops).map((m) => `${m} ${path}`),
        );
      expect(operations(doc30)).toEqual(operations(doc));
      const schemas30 = (doc30.components as { schemas: object }).schemas;
      expect(Object.keys(schemas30).sort()).toEqual(Object.keys(schemas).sort());
      for (const ref of refsIn(doc30))
        expect(schemas30).toHaveProperty([ref.split('/').at(-1) ?? '']);
    });

    it('uses no JSON Schema keyword a 3.0 reader rejects (nullable instead of null types)', () => {
      expect(beyond30(doc)).not.toEqual([]); // what the 3.1 document does use
      expect(beyond30(doc30)).toEqual([]);
      expect(JSON.stringify(doc30)).toContain('"nullable":true');
    });
  });
});
