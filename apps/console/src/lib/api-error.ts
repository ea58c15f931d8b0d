import type { ProblemDetails } from '@podium/protocol';

/** Codes the console itself assigns; anything else comes from the server's problem body. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'INVALID_RESPONSE' | 'HTTP_ERROR';

/** Every failed API call surfaces as this: a stable `code`, a readable message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ClientErrorCode | (string & {}),
    message: string,
    readonly status?: number,
    readonly problem?: ProblemDetails,
  ) {
    super(message);
  }

  /** Safe across duplicate bundles, unlike a bare `instanceof`. */
  static is(value: unknown): value is ApiError {
    return value instanceof Error && value.name === 'ApiError' && 'code' in value;
  }
}
