import { z } from 'zod';

export { PROBLEM_CONTENT_TYPE } from './values/problem-media-type';

/**
 * One invalid field of a `VALIDATION_FAILED` problem. `path` is dotted within the request part
 * that failed (body, query or path parameters): `limit`, `workflowIds.0`, or `(root)`.
 * Request inputs also carry DBOS Conductor's (Huma's) `location`, the part and the field
 * (`body.workflowIds.0`, `query.limit`, `path.workflowId`; an unknown key names that key), and
 * the offending `value` when there is one.
 */
export const ProblemFieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  location: z.string().optional(),
  value: z.unknown().optional(),
});
export type ProblemFieldError = z.infer<typeof ProblemFieldErrorSchema>;

/**
 * RFC 9457 problem details, as every error response of the control plane's API carries them
 * (`application/problem+json`). `code` is a stable code from `ERROR_CODES`; extension members
 * are kept.
 */
export const ProblemDetailsSchema = z.looseObject({
  type: z.string().describe('`https://podium.dev/problems/<kebab-code>`.'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  errors: z.array(ProblemFieldErrorSchema).optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;
