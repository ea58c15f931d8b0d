import { ApiError } from '../lib/api-error';

/** The ApiError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!ApiError.is(error)) throw error;
  return error;
}
