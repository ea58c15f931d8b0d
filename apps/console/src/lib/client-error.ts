/**
 * Failures the console itself observes, where the control plane stated nothing: every other
 * failure of an API call is the protocol's `AppError`, rebuilt from the problem body.
 * - `NETWORK_ERROR`: no answer at all (refused, reset, DNS).
 * - `TIMEOUT`: no answer within the caller's `timeoutMs`.
 * - `INVALID_RESPONSE`: an answer whose body is not what the protocol's schema says.
 * - `HTTP_ERROR`: an error status without a problem body, so from something in between (a
 *   proxy, Next itself), not the control plane; its status alone names no protocol code
 *   (a proxy's 502 is not "the executor did not answer").
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'INVALID_RESPONSE' | 'HTTP_ERROR';

const BRAND = Symbol.for('podium.ClientError');

export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly [BRAND] = true;

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** The HTTP status of the answer, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }

  /** Safe across duplicate bundles, unlike a bare `instanceof`. */
  static is(value: unknown): value is ClientError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
