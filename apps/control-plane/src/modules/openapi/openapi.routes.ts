import { z } from 'zod';
import { routeTable } from '../../common/routes/route-spec';

const common = { tag: 'API description', access: 'public' } as const;

/** This API's own description (see OpenApiController). */
export const OPENAPI_ROUTES = routeTable({
  getOpenApiDocument: {
    ...common,
    method: 'get',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    response: z.record(z.string(), z.unknown()).describe('An OpenAPI 3.1 document.'),
  },
  getOpenApiYaml: {
    ...common,
    method: 'get',
    path: '/openapi.yaml',
    summary: 'This API as an OpenAPI 3.1 document, in YAML',
    media: 'application/yaml',
    response: z.string().describe('The same document as `/openapi.json`, in YAML.'),
  },
  getOpenApi30Document: {
    ...common,
    method: 'get',
    path: '/openapi-3.0.json',
    summary: 'This API as an OpenAPI 3.0 document (for tools that read only 3.0)',
    response: z
      .record(z.string(), z.unknown())
      .describe('An OpenAPI 3.0.3 document: the same operations, schemas in its dialect.'),
  },
  getApiDocs: {
    ...common,
    method: 'get',
    path: '/docs',
    summary: 'This API as one self-contained HTML page',
    media: 'text/html',
    response: z.string().describe('HTML without scripts; nothing is loaded from elsewhere.'),
  },
});
