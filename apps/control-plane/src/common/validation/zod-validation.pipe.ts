import { type PipeTransform } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import { z } from 'zod';

/**
 * Validates one request part (body, query, params) against a protocol schema.
 * Failures become VALIDATION_FAILED with one entry per problem.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw AppError.validation(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
}

/** Validates a request part against a protocol schema (400 VALIDATION_FAILED listing each problem). */
export function validate<S extends z.ZodType>(schema: S) {
  return new ZodValidationPipe(schema);
}

/** For bodies whose fields are all optional: a request without a body counts as `{}`. */
export function validateOptionalBody<S extends z.ZodType>(schema: S) {
  return new ZodValidationPipe(z.preprocess((value) => value ?? {}, schema));
}
