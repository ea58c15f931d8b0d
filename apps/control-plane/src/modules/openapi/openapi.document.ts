import {
  PermissionSchema,
  ApiKeySchema,
  ApplicationSchema,
  ApplicationVersionSchema,
  AuditSubjectSchema,
  AuditLogEntrySchema,
  BulkWorkflowsResponseSchema,
  ERROR_CODE_LIST,
  ERROR_CODES,
  ExecutorSchema,
  JoinSecretSchema,
  MemberSchema,
  OrganizationSchema,
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsSchema,
  QueueSchema,
  RoleSchema,
  ScheduleSchema,
  SessionResponseSchema,
  SessionSchema,
  UserSchema,
  WorkflowActionResultSchema,
  WorkflowSchema,
  WorkflowStepSchema,
  LIST_HEADERS_OF,
  type ErrorCode,
} from '@podium/protocol';
import { z } from 'zod';
import { SECURITY_SCHEMES, securityOf } from './openapi-security';
import { isBodyOptional, listMetaFields, type RouteSpec } from '../../common/routes/route-spec';
import { permissionOfRoute } from '../../common/auth/route-permission';

/**
 * Builds the OpenAPI 3.1 document from route tables and the protocol's zod schemas (zod 4's
 * JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses as is; `.describe()` becomes
 * `description`). Responses are described as we produce them (`io: output`), requests as
 * clients send them (`io: input`).
 */

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = JsonSchema & { paths: Record<string, Record<string, JsonSchema>> };

/**
 * Which OpenAPI: 3.1 (JSON Schema draft 2020-12, what we serve first), or 3.0 for tools that
 * read only that — zod writes its schemas for either (`nullable`, no `const`, …).
 */
export type OpenApiVersion = '3.1' | '3.0';
const DIALECTS = {
  '3.1': { openapi: '3.1.0', target: 'draft-2020-12' },
  '3.0': { openapi: '3.0.3', target: 'openapi-3.0' },
} as const;

/** Schemas shared by several operations get their own component. */
const SHARED_SCHEMAS: ReadonlyArray<readonly [z.ZodType, string]> = [
  [WorkflowSchema, 'Workflow'],
  [WorkflowStepSchema, 'WorkflowStep'],
  [WorkflowActionResultSchema, 'WorkflowActionResult'],
  [BulkWorkflowsResponseSchema, 'BulkWorkflowsResponse'],
  [QueueSchema, 'Queue'],
  [ScheduleSchema, 'Schedule'],
  [ExecutorSchema, 'Executor'],
  [ApplicationVersionSchema, 'ApplicationVersion'],
  [UserSchema, 'User'],
  [SessionSchema, 'Session'],
  [SessionResponseSchema, 'SessionResponse'],
  [OrganizationSchema, 'Organization'],
  [MemberSchema, 'Member'],
  [JoinSecretSchema, 'JoinSecret'],
  [ApplicationSchema, 'Application'],
  [ApiKeySchema, 'ApiKey'],
  [AuditSubjectSchema, 'AuditSubject'],
  [AuditLogEntrySchema, 'AuditLogEntry'],
  [ProblemDetailsSchema, 'Problem'],
];
/** Enums read the same both ways, so requests and responses share their component. */
const SHARED_ENUMS: ReadonlyArray<readonly [z.ZodType, string]> = [
  [RoleSchema, 'Role'],
  [PermissionSchema, 'Permission'],
];

const VIA_EXECUTOR: readonly ErrorCode[] = [
  'EXECUTOR_UNSUPPORTED',
  'EXECUTOR_NO_ANSWER',
  'EXECUTOR_ERROR',
  'EXECUTOR_ANSWER_TOO_LARGE',
  'EXECUTOR_UNAVAILABLE',
  'EXECUTOR_BUSY',
];

const SUCCESS: Record<200 | 201 | 204, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  info: { title: string; version: string; description?: string },
  version: OpenApiVersion = '3.1',
): OpenApiDocument {
  const { openapi, target } = DIALECTS[version];
  const responseIds = new Named();
  const requestIds = new Named();
  for (const [schema, id] of SHARED_SCHEMAS) responseIds.name(schema, id);
  for (const [schema, id] of SHARED_ENUMS) {
    responseIds.name(schema, id);
    requestIds.name(schema, id);
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const base = pascal(route.operationId);
    const responseId = route.response
      ? responseIds.name(
          route.response,
          `${base}${route.media === 'text/event-stream' ? 'Event' : 'Response'}`,
        )
      : undefined;
    const bodyId = route.body ? requestIds.name(route.body, `${base}Request`) : undefined;
    (paths[route.path] ??= {})[route.method] = operation(route, responseId, bodyId, target);
  }
  return {
    openapi,
    info,
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: {
        ...components(requestIds, 'input', target),
        ...components(responseIds, 'output', target),
      },
      securitySchemes: Object.fromEntries(Object.values(SECURITY_SCHEMES)),
    },
  };
}

type Target = (typeof DIALECTS)[OpenApiVersion]['target'];

function operation(
  route: RouteSpec,
  responseId: string | undefined,
  bodyId: string | undefined,
  target: Target,
): JsonSchema {
  const status = route.status ?? 200;
  const success: Record<string, JsonSchema> = {};
  if (route.status === 204 || !responseId) {
    success[status] = { description: SUCCESS[status] };
  } else {
    const media = route.media ?? 'application/json';
    const content = { [media]: { schema: ref(responseId) } };
    const description =
      media === 'text/event-stream'
        ? 'An event stream; each `data:` line is this JSON.'
        : SUCCESS[status];
    const headers = listHeaders(route);
    success[status] = { description, ...(headers && { headers }), content };
    for (const other of route.alternates ?? []) {
      success[other.status] = { description: other.description, content };
    }
    if (route.representationOnRequest) {
      success[status] = {
        ...success[status],
        description: `${description}: with \`Prefer: return=representation\` (RFC 7240).`,
        headers: PREFERENCE_APPLIED_HEADERS,
      };
      success[204] = {
        description: `${SUCCESS[204]} (as DBOS Conductor), unless asked otherwise.`,
      };
    }
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: [route.tag],
    'x-podium-access': route.access,
    ...(permissionOfRoute(route) && { 'x-podium-permission': permissionOfRoute(route) }),
    security: securityOf(route).map((set) =>
      Object.fromEntries(set.map((credential) => [SECURITY_SCHEMES[credential][0], []])),
    ),
    parameters: parameters(route, target),
    ...(route.body &&
      bodyId && {
        requestBody: {
          required: !isBodyOptional(route.body),
          content: { 'application/json': { schema: ref(bodyId) } },
        },
      }),
    responses: { ...success, ...problems(problemCodes(route)) },
  };
}

/** A list's page headers (`paged` routes; see ListPageInterceptor). */
function listHeaders(route: RouteSpec): Record<string, JsonSchema> | undefined {
  const fields = listMetaFields(route);
  if (fields.length === 0) return undefined;
  const headers: Record<string, JsonSchema> = {};
  for (const { name, description, type } of fields.flatMap((f) => LIST_HEADERS_OF[f])) {
    headers[name] = { description, schema: { type } };
  }
  if (route.method === 'get' && fields.includes('nextOffset')) {
    headers.Link = {
      description: 'RFC 8288 `<…>; rel="next"`: the next page, when another may exist.',
      schema: { type: 'string' },
    };
  }
  return headers;
}

/** The problems a route can answer, in the order of the error table. */
function problemCodes(route: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.params || route.query || route.body) codes.add('VALIDATION_FAILED');
  if (route.body) codes.add('MALFORMED_REQUEST');
  if (route.access !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
    // An API key from an address past its budget of lookups (AuthAttemptLimiter).
    codes.add('RATE_LIMITED');
  }
  if (route.path.includes('{')) codes.add('NOT_FOUND');
  if (route.viaExecutor) for (const code of VIA_EXECUTOR) codes.add(code);
  return ERROR_CODE_LIST.filter((code) => codes.has(code));
}

function problems(codes: readonly ErrorCode[]): Record<string, JsonSchema> {
  const statuses = [...new Set(codes.map((c) => ERROR_CODES[c].status))];
  return Object.fromEntries(
    statuses.map((status) => [
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
}

function parameters(route: RouteSpec, target: Target): JsonSchema[] {
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
    ...objectParameters(route.params, 'path', target),
    ...objectParameters(route.query, 'query', target),
    ...(route.status !== 204 && route.representationOnRequest ? [PREFER_PARAMETER] : []),
  ];
}

/** The header of routes answering 204 unless asked for their result (representationOnRequest). */
const PREFER_PARAMETER: JsonSchema = {
  name: 'Prefer',
  in: 'header',
  required: false,
  schema: { type: 'string', examples: ['return=representation'] },
  description:
    'RFC 7240 preferences; with `return=representation` among them, the answer is 200 with the result instead of 204 No Content.',
};

/** What such a route's answer with its result says of it. */
const PREFERENCE_APPLIED_HEADERS: JsonSchema = {
  'Preference-Applied': {
    description: '`return=representation`.',
    schema: { type: 'string' },
  },
  Vary: { description: 'Includes `Prefer` (on the 204 too).', schema: { type: 'string' } },
};

function objectParameters(
  schema: z.ZodObject | undefined,
  where: 'path' | 'query',
  target: Target,
): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target,
    unrepresentable: 'any',
    override,
  }) as {
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

function components(
  named: Named,
  io: 'input' | 'output',
  target: Target,
): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(named.registry, {
    io,
    target,
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

/** Formats that say it all: zod's long equivalent regexes only burden generated clients. */
const SELF_EXPLAINING_FORMATS = new Set(['date-time', 'uuid', 'email']);

function override(ctx: { jsonSchema: JsonSchema }): void {
  if (SELF_EXPLAINING_FORMATS.has(String(ctx.jsonSchema.format))) delete ctx.jsonSchema.pattern;
}

function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}
