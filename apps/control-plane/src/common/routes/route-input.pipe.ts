import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { AppError } from '@podium/protocol';
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
 * per problem. A body the schema accepts empty may be left out (it counts as `{}`).
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
    const input = type === 'body' && this.bodyOptional ? (value ?? {}) : value;
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    throw AppError.validation(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
}
