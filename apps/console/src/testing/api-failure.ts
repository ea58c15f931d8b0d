import { isApiFailure, type ApiFailure } from '../lib/api-failure';

/** The failure `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiFailure> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isApiFailure(error)) throw error;
  return error;
}
