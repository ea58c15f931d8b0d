import { AppError } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { ClientError } from './client-error';
import { shouldRetry } from './get-query-client';

describe('shouldRetry', () => {
  it('retries network trouble and server errors, twice at most', () => {
    expect(shouldRetry(0, new ClientError('NETWORK_ERROR', 'down'))).toBe(true);
    expect(shouldRetry(1, new AppError('EXECUTOR_NO_ANSWER', 'slow'))).toBe(true);
    expect(shouldRetry(2, new AppError('EXECUTOR_NO_ANSWER', 'slow'))).toBe(false);
  });

  it('shows what the control plane stated at once', () => {
    expect(shouldRetry(0, new AppError('NOT_FOUND', 'no'))).toBe(false);
    expect(shouldRetry(0, new AppError('UNAUTHENTICATED', 'who'))).toBe(false);
    expect(shouldRetry(0, new AppError('EXECUTOR_UNAVAILABLE', 'none'))).toBe(false);
  });
});
