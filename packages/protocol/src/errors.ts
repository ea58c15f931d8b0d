/**
 * The one table of stable error codes, shared by the control plane (which throws them and maps
 * them to RFC 9457 problem details) and the console (which rebuilds them from problem bodies).
 * Codes never change meaning; add new ones instead.
 */

export const ERROR_CODES = {
  /** Not readable as a request at all: unparseable JSON, a URL that does not decode, not HTTP. */
  MALFORMED_REQUEST: { status: 400, title: 'The request is malformed' },
  /**
   * Readable, but a field, parameter or the body's shape is refused (an unknown field among them):
   * 422 with `errors[]`, as DBOS Conductor answers.
   */
  VALIDATION_FAILED: { status: 422, title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  /** A method the resource does not take (the executor handshake by other than GET; `Allow`). */
  METHOD_NOT_ALLOWED: { status: 405, title: 'The method is not allowed here' },
  /** The client took too long to send its request (headers or body). */
  REQUEST_TIMEOUT: { status: 408, title: 'The request was not received in time' },
  CONFLICT: { status: 409, title: 'This conflicts with the current state' },
  /**
   * A creation past the organization's quota (applications, live API keys, alerting rules, alert
   * webhooks).
   */
  QUOTA_EXCEEDED: { status: 409, title: 'The organization holds as many of these as it may' },
  /** A search without `limit` matches more than the control plane returns at once. */
  TOO_MANY_RESULTS: { status: 422, title: 'The search matches too many workflows' },
  /**
   * With both SDK families connected a page is cut from their merged list, read from its start:
   * an offset deeper than the control plane reads that way.
   */
  OFFSET_TOO_LARGE: { status: 422, title: 'The offset is deeper than this list can be paged' },
  /** The inputs and outputs of the workflows asked for are more than one answer holds. */
  PAYLOADS_TOO_LARGE: { status: 422, title: 'The workflows’ inputs and outputs are too large' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request is too large' },
  URI_TOO_LONG: { status: 414, title: 'The URL is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be JSON' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  /** An executor's upgrade refused: its application holds as many links as it may. */
  EXECUTOR_LIMIT_REACHED: {
    status: 429,
    title: 'The application has as many executors connected as it may',
  },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  INTERNAL: { status: 500, title: 'Internal error' },
  EXECUTOR_UNSUPPORTED: { status: 501, title: 'The connected executors do not support this' },
  EXECUTOR_NO_ANSWER: { status: 502, title: 'The executor did not answer in time' },
  EXECUTOR_ERROR: { status: 502, title: 'The executor reported an error' },
  EXECUTOR_ANSWER_TOO_LARGE: { status: 502, title: "The executor's answer is too large" },
  EXECUTOR_UNAVAILABLE: { status: 503, title: 'No executor of this app is connected' },
  /** Every executor asked refused the request unrun (EXECUTOR_BUSY_ERROR): nothing was done. */
  EXECUTOR_BUSY: { status: 503, title: 'The executors are too busy to take this now' },
  /** Sent by the console's /api proxy when the control plane does not answer. */
  CONTROL_PLANE_UNREACHABLE: { status: 502, title: 'The control plane cannot be reached' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is unavailable' },
  /** Sent by the load balancer in front of replicas (`pnpm cluster`, docker/haproxy.cfg). */
  REPLICA_UNREACHABLE: { status: 502, title: 'The control-plane replica did not answer' },
  REPLICA_UNAVAILABLE: { status: 503, title: 'No control-plane replica is available' },
  REPLICA_TIMEOUT: { status: 504, title: 'The control-plane replica did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** The problem `type` URI of a code: `https://podium.dev/problems/executor-unavailable`. */
export function problemType(code: ErrorCode): string {
  return `https://podium.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The code to assume for a bare HTTP status (a problem body without a known `code`). */
export function errorCodeForStatus(status: number): ErrorCode {
  const exact = ERROR_CODE_LIST.find((code) => ERROR_CODES[code].status === status);
  if (exact) return exact;
  return status >= 400 && status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL';
}
