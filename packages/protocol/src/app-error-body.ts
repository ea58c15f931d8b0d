import { AppError } from './app-error';
import { errorCodeForStatus } from './errors';
import { ProblemDetailsSchema } from './rest/problem';

/**
 * Rebuilds an error from a response body. Anything that is not a problem body becomes
 * `INTERNAL` (or the code for `fallbackStatus`), so callers always get an AppError. (Apart from
 * `AppError` because it parses with zod, which the console's browser code does without.)
 */
export function appErrorFromBody(json: unknown, fallbackStatus?: number): AppError {
  const parsed = ProblemDetailsSchema.safeParse(json);
  if (parsed.success) return AppError.fromProblem(parsed.data);
  return new AppError(
    fallbackStatus === undefined ? 'INTERNAL' : errorCodeForStatus(fallbackStatus),
  );
}
