// An answer of the control plane after the console's server checked it against the protocol
// (check-answer.ts): what the /api proxy sends the browser for a request that asked for a check
// (CHECK_HEADER), and what the API client reads on either side. Browser-safe: no zod here.
import { AppError, type ListPageMeta, type ProblemDetails } from '@podium/protocol/rest';
import { ClientError } from './client-error';
import type { SchemaName } from './rest-schema-names';

/** The request header asking the /api proxy to check the answer (JSON of `AnswerExpectation`). */
export const CHECK_HEADER = 'x-podium-check';
/**
 * The query parameter asking the /api proxy to check each event of a server-sent event stream
 * with the schema it names (an `EventSource` sends no headers); the proxy removes it.
 */
export const STREAM_CHECK_PARAM = 'podium-check';
/**
 * The response header of the /api proxy saying its body is a `CheckedAnswer`, with the control
 * plane's status (the proxy's own is 200 where that status allows no body: 204, 205, 304).
 */
export const CHECKED_HEADER = 'x-podium-checked';

/** What a request expects back. */
export interface AnswerExpectation {
  /** The schema a successful body must match; none: success has no body (204). */
  schema?: SchemaName;
  /** The body is a list whose page meta rides in the list headers. */
  list?: boolean;
  /** Statuses whose body is a normal answer for `schema`. Default: any 2xx. */
  okStatuses?: readonly number[];
}

export type CheckedAnswer =
  /** A successful answer, parsed (defaults applied, unknown keys dropped). */
  | { kind: 'value'; value: unknown; meta?: ListPageMeta }
  /** A successful answer without a body. */
  | { kind: 'empty' }
  /** A failure the control plane stated in problem details. */
  | { kind: 'problem'; problem: ProblemDetails }
  /** A failure without problem details: from something in between, not the control plane. */
  | { kind: 'http-error' }
  /** A successful status with a body the protocol does not describe. */
  | { kind: 'invalid'; message: string };

export type ApiValue = { value: unknown; meta?: ListPageMeta };

/** The value of a checked answer, or the failure it stands for, thrown. */
export function valueOf(what: string, status: number, answer: CheckedAnswer): ApiValue {
  switch (answer.kind) {
    case 'value':
      return { value: answer.value, meta: answer.meta };
    case 'empty':
      return { value: undefined };
    case 'problem':
      throw AppError.fromProblem(answer.problem);
    case 'http-error':
      throw new ClientError('HTTP_ERROR', `${what} answered ${status}`, status);
    case 'invalid':
      throw new ClientError('INVALID_RESPONSE', answer.message, status);
  }
}
