import { AppError } from '@podium/protocol/rest';
import { ClientError } from './client-error';

/** What a failed API call rejects with: the control plane's stated problem, or the console's own. */
export type ApiFailure = AppError | ClientError;

export function isApiFailure(value: unknown): value is ApiFailure {
  return AppError.is(value) || ClientError.is(value);
}
