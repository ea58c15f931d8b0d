import { describe, expect, it } from 'vitest';
import { renderDocsPage } from './docs-page';
import { buildOpenApiDocument } from './openapi.document';
import { API_ROUTES } from './openapi.service';

const doc = buildOpenApiDocument(API_ROUTES, { title: 'Podium', version: '0.0.0' });

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
  );
}

describe('the OpenAPI document', () => {
  it('describes every route once, with a unique operation id', () => {
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(API_ROUTES.length);
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref to a component', () => {
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas).toHaveProperty([ref.split('/').at(-1) ?? '']);
    }
  });

  it('documents parameters, bodies and executor problems from the zod schemas', () => {
    const search = doc.paths['/v2/orgs/{org}/apps/{app}/workflows/search']?.post as Record<
      string,
      unknown
    >;
    expect(search.requestBody).toMatchObject({ required: false });
    expect(Object.keys(search.responses as object)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '501', '502', '503']),
    );
    const list = doc.paths['/v2/orgs/{org}/apps/{app}/workflows']?.get as {
      parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
    };
    const status = list.parameters.find((p) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', schema: { type: 'array' } });
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['org', 'app', 'limit', 'offset', 'sortDesc', 'loadInput']),
    );
    const fork = doc.paths['/v2/orgs/{org}/apps/{app}/workflows/{workflowId}/fork']?.post;
    expect(fork).toMatchObject({ requestBody: { required: true }, 'x-podium-access': 'operate' });
  });

  it('renders a self-contained docs page', () => {
    const html = renderDocsPage(doc);
    expect(html).toContain('/v2/orgs/{org}/apps/{app}/workflows/bulk-cancel');
    expect(html).toContain('href="#schema-Workflow"');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
