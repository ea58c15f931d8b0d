import {
  ERROR_CODES,
  errorCodeForStatus,
  isErrorCode,
  problemType,
  type ErrorCode,
} from './errors';
import type { ProblemDetails, ProblemFieldError } from './rest/problem';

/**
 * The one error type, end to end: services throw it, the control plane's filter turns it into
 * problem details ({@link AppError.toProblem}), and the console's API client rebuilds it from
 * every problem body it receives (`appErrorFromBody`, {@link AppError.fromProblem}), so pages branch on the same
 * codes the services throw. Only failures where no problem body arrived (network, timeout, a
 * body that is not what the schema says) are the console's own `ClientError`.
 * `AppError.is` works across duplicate installs.
 */

const BRAND = Symbol.for('podium.AppError');

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  readonly title: string;
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    /** Human-readable, specific to this occurrence; safe to show to the operator. */
    readonly detail?: string,
    /** Extension members of the problem body (`errors` for validation, ids, ...). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.status = ERROR_CODES[code].status;
    this.title = ERROR_CODES[code].title;
  }

  /** Field errors of a validation failure, when present. */
  get errors(): ProblemFieldError[] | undefined {
    const errors = this.extra?.errors;
    return Array.isArray(errors) ? (errors as ProblemFieldError[]) : undefined;
  }

  static is(value: unknown): value is AppError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  /** A validation failure with field errors. */
  static validation(errors: ProblemFieldError[], detail?: string): AppError {
    return new AppError('VALIDATION_FAILED', detail, { errors });
  }

  /** The RFC 9457 body for this error. */
  toProblem(instance?: string): ProblemDetails {
    return {
      ...this.extra,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail !== undefined && { detail: this.detail }),
      ...(instance !== undefined && { instance }),
    };
  }

  /**
   * Rebuilds an error from problem details already checked as such (`appErrorFromBody` checks
   * an unknown body first). Zod-free, like this whole module: the console's browser code uses it.
   */
  static fromProblem(problem: ProblemDetails): AppError {
    const {
      type: _type,
      title: _title,
      status,
      code,
      detail,
      instance: _instance,
      ...extra
    } = problem;
    const known = isErrorCode(code) ? code : errorCodeForStatus(status);
    return new AppError(known, detail, Object.keys(extra).length > 0 ? extra : undefined);
  }
}
