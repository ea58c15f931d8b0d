import {
  ApplicationVersionSchema,
  BulkWorkflowsResponseSchema,
  ExecutorSchema,
  ProblemDetailsSchema,
  QueueSchema,
  WorkflowActionResultSchema,
  WorkflowSchema,
  WorkflowStepSchema,
  type ErrorCode,
  ERROR_CODES,
  PROBLEM_CONTENT_TYPE,
} from '@podium/protocol';
import { z } from 'zod';
import type { RouteSpec } from './route-spec';

/**
 * Builds the OpenAPI 3.1 document from route tables and the protocol's zod schemas (zod 4's
 * JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses as is). Responses are described
 * as we produce them (`io: output`), requests as clients send them (`io: input`).
 */

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = JsonSchema & { paths: Record<string, Record<string, JsonSchema>> };

/** Schemas shared by several operations get their own component. */
const SHARED_SCHEMAS: ReadonlyArray<readonly [z.ZodType, string]> = [
  [WorkflowSchema, 'Workflow'],
  [WorkflowStepSchema, 'WorkflowStep'],
  [WorkflowActionResultSchema, 'WorkflowActionResult'],
  [BulkWorkflowsResponseSchema, 'BulkWorkflowsResponse'],
  [QueueSchema, 'Queue'],
  [ExecutorSchema, 'Executor'],
  [ApplicationVersionSchema, 'ApplicationVersion'],
  [ProblemDetailsSchema, 'Problem'],
];

const ALWAYS: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
];
const VIA_EXECUTOR: readonly ErrorCode[] = [
  'EXECUTOR_UNSUPPORTED',
  'EXECUTOR_NO_ANSWER',
  'EXECUTOR_ERROR',
  'EXECUTOR_UNAVAILABLE',
];
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  info: { title: string; version: string; description?: string },
): OpenApiDocument {
  const responseIds = new Named();
  const requestIds = new Named();
  for (const [schema, id] of SHARED_SCHEMAS) responseIds.name(schema, id);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const base = pascal(route.operationId);
    const responseId = responseIds.name(
      route.response,
      `${base}${route.stream ? 'Event' : 'Response'}`,
    );
    const bodyId = route.body ? requestIds.name(route.body, `${base}Request`) : undefined;
    (paths[route.path] ??= {})[route.method] = operation(route, responseId, bodyId);
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...components(requestIds, 'input'), ...components(responseIds, 'output') },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (`pdm_...`).' },
      },
    },
  };
}

function operation(route: RouteSpec, responseId: string, bodyId: string | undefined): JsonSchema {
  const codes = [...ALWAYS, ...(route.viaExecutor ? VIA_EXECUTOR : [])];
  const problems = Object.fromEntries(
    [...new Set(codes.map((c) => ERROR_CODES[c].status))].map((status) => [
      String(status),
      {
        description: codes
          .filter((c) => ERROR_CODES[c].status === status)
          .map((c) => `${c}: ${ERROR_CODES[c].title}`)
          .join('; '),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
      },
    ]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: [route.tag],
    'x-podium-access': route.access,
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }],
    parameters: parameters(route),
    ...(route.body &&
      bodyId && {
        requestBody: {
          required: !route.body.safeParse({}).success,
          content: { 'application/json': { schema: ref(bodyId) } },
        },
      }),
    responses: {
      '200': {
        description: route.stream ? 'An event stream; each `data:` line is this JSON.' : 'OK',
        content: {
          [route.stream ? 'text/event-stream' : 'application/json']: { schema: ref(responseId) },
        },
      },
      ...problems,
    },
  };
}

function parameters(route: RouteSpec): JsonSchema[] {
  const scope = ['org', 'app']
    .filter((name) => route.path.includes(`{${name}}`))
    .map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
      description: name === 'org' ? 'Organization name' : 'Application name',
    }));
  return [
    ...scope,
    ...objectParameters(route.params, 'path'),
    ...objectParameters(route.query, 'query'),
  ];
}

function objectParameters(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' && { description }),
      schema: rest,
      ...(rest.type === 'array' && { style: 'form', explode: true }),
    };
  });
}

function components(named: Named, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(named.registry, {
    io,
    unrepresentable: 'any',
    override,
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

/** A registry that names each schema once (the first name given wins). */
class Named {
  readonly registry = z.registry<{ id: string }>();
  private readonly ids = new Map<z.ZodType, string>();

  name(schema: z.ZodType, id: string): string {
    const known = this.ids.get(schema);
    if (known) return known;
    this.ids.set(schema, id);
    this.registry.add(schema, { id });
    return id;
  }
}

/** `format: date-time` says it all; zod's long equivalent regex only burdens generated clients. */
function override(ctx: { jsonSchema: JsonSchema }): void {
  if (ctx.jsonSchema.format === 'date-time') delete ctx.jsonSchema.pattern;
}

function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}
