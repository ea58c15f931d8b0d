import { randomUUID } from 'node:crypto';
import { AppError, type ErrorCode } from '@podium/protocol';
import type { Logger } from 'pino';
import { AdminOnlyDetailError } from '../../common/errors/admin-only-detail-error';

/**
 * A failure as it is written where every member of the organization reads it (the audit log,
 * alert deliveries). An AdminOnlyDetailError's detail is for `organization.write` callers only,
 * so it is stored as ProblemDetailsFilter answers everyone else: the error's own `withheld` text,
 * naming a reference under which the full detail is logged.
 */
export interface StorableFailure {
  readonly errorCode: ErrorCode;
  /** Safe for every reader of the record. */
  readonly error: string;
  /** The log reference of a withheld detail; absent when nothing was withheld. */
  readonly reference?: string;
}

export function storableFailure(error: unknown, logger: Logger): StorableFailure {
  if (!AppError.is(error)) return { errorCode: 'INTERNAL', error: 'internal error' };
  if (!(error instanceof AdminOnlyDetailError)) {
    return { errorCode: error.code, error: error.detail ?? error.title };
  }
  const reference = randomUUID();
  logger.warn(
    { reference, code: error.code, detail: error.detail },
    'error detail withheld from a record every member reads',
  );
  const withheld = error.withheld(reference);
  return { errorCode: withheld.code, error: withheld.detail ?? withheld.title, reference };
}
