import { z } from 'zod';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';

/** Validates a request part against a protocol schema (400 VALIDATION_FAILED listing each problem). */
export function validate<S extends z.ZodType>(schema: S) {
  return new ZodValidationPipe(schema);
}

/** For bodies whose fields are all optional: a request without a body counts as `{}`. */
export function validateOptionalBody<S extends z.ZodType>(schema: S) {
  return new ZodValidationPipe(z.preprocess((value) => value ?? {}, schema));
}
