import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { AppError, type ProblemFieldError } from '@podium/protocol';
import type { z } from 'zod';
import { isBodyOptional, type RouteSpec } from './route-spec';

/** The request parts a handler reads whole (`@Body()`, `@Query()`, `@Param()`). */
export type RoutePart = 'body' | 'query' | 'param';

/** The schema the route spec declares for each part it takes. */
export function routeInputs(spec: RouteSpec): Partial<Record<RoutePart, z.ZodType>> {
  return { body: spec.body, query: spec.query, param: spec.params };
}

/**
 * Validates a route's body, query and path parameters against the schemas of its spec (the
 * only validation pipe: `@Route` installs it). Failures become VALIDATION_FAILED with one entry
 * per problem. A body the schema accepts empty may be left out (it counts as `{}`); a body's
 * top-level `$schema` is dropped first (see withoutSchemaLink).
 */
export class RouteInputPipe implements PipeTransform {
  private readonly inputs: Partial<Record<RoutePart, z.ZodType>>;
  private readonly bodyOptional: boolean;

  constructor(spec: RouteSpec) {
    this.inputs = routeInputs(spec);
    this.bodyOptional = spec.body !== undefined && isBodyOptional(spec.body);
  }

  transform(value: unknown, { type }: ArgumentMetadata): unknown {
    // Other parameters (the request context, the client) are the guards' and Nest's.
    if (type === 'custom') return value;
    const schema = this.inputs[type];
    // `@Route` refuses handlers that read a part their spec does not declare: never here.
    if (!schema) throw new AppError('INTERNAL', `This route does not declare its ${type}.`);
    const input =
      type === 'body' ? withoutSchemaLink(this.bodyOptional ? (value ?? {}) : value) : value;
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    throw AppError.validation(
      parsed.error.issues.flatMap((issue) => fieldErrors(type, input, issue)),
    );
  }
}

/**
 * DBOS Conductor's objects (Huma) carry a read-only `$schema` link: a client sending an object
 * back as it read it is not refused for it.
 */
function withoutSchemaLink(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('$schema' in body)) {
    return body;
  }
  const { $schema: _link, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** Huma's names for the parts (DBOS Conductor's problems say `path.`, not `param.`). */
const LOCATION_PREFIX: Record<RoutePart, string> = { body: 'body', query: 'query', param: 'path' };

/**
 * Fields whose value a problem does not repeat: a password or secret (a webhook's URL may carry
 * a token too), which would otherwise end up wherever error bodies are kept.
 */
const SECRET_FIELD = /password|secret|token|^url$/i;

/**
 * One field error per issue; an unknown-keys issue gives one per key, located at that key.
 * `value` is what the client sent there (absent for a missing field, and for a secret).
 */
function fieldErrors(
  part: RoutePart,
  input: unknown,
  issue: z.core.$ZodIssue,
): ProblemFieldError[] {
  const path = issue.path.join('.') || '(root)';
  const at = (keys: readonly PropertyKey[]) => {
    const last = keys.at(-1);
    const value =
      typeof last === 'string' && SECRET_FIELD.test(last)
        ? undefined
        : withoutSecrets(valueAt(input, keys));
    return {
      path,
      message: issue.message,
      location: [LOCATION_PREFIX[part], ...keys.map(String)].join('.'),
      ...(value !== undefined && { value }),
    };
  };
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => at([...issue.path, key]));
  return [at(issue.path)];
}

/** `value` with every secret field left out, however deep (an issue at a parent or the root). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_FIELD.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  );
}

function valueAt(input: unknown, keys: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
