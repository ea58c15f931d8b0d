import { AppError, type ErrorCode } from '@podium/protocol';

/**
 * An error whose `detail` only callers with `organization.write` may read (it quotes a system the
 * caller does not own, e.g. an executor's database error). Others get the same code with a
 * generic detail and a `reference` to the log line that keeps the original
 * (ProblemDetailsFilter does the swap).
 */
export class AdminOnlyDetailError extends AppError {
  constructor(code: ErrorCode, detail: string) {
    super(code, detail);
  }

  /** What a caller without `organization.write` sees instead. */
  withheld(reference: string): AppError {
    return new AppError(
      this.code,
      `${this.title}. The details are shown to administrators, and are in the control plane's log under reference ${reference}.`,
      { reference },
    );
  }
}
