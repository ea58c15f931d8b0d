import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { shouldRetry } from './get-query-client';

describe('shouldRetry', () => {
  it('retries network trouble and server errors, twice at most', () => {
    expect(shouldRetry(0, new ApiError('NETWORK_ERROR', 'down'))).toBe(true);
    expect(shouldRetry(1, new ApiError('EXECUTOR_NO_ANSWER', 'slow', 502))).toBe(true);
    expect(shouldRetry(2, new ApiError('EXECUTOR_NO_ANSWER', 'slow', 502))).toBe(false);
  });

  it('shows what the control plane stated at once', () => {
    expect(shouldRetry(0, new ApiError('NOT_FOUND', 'no', 404))).toBe(false);
    expect(shouldRetry(0, new ApiError('UNAUTHENTICATED', 'who', 401))).toBe(false);
    expect(shouldRetry(0, new ApiError('EXECUTOR_UNAVAILABLE', 'none', 503))).toBe(false);
  });
});
