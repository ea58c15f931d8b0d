// Turning a control-plane response into a value or a failure: bodies are parsed with the
// protocol's schemas, and failures are rebuilt from RFC 9457 problem details into AppError.
import {
  AppError,
  ProblemDetailsSchema,
  readListHeaders,
  type ListPageMeta,
} from '@podium/protocol/rest';
import { z } from 'zod';
import type { ApiFailure } from './api-failure';
import { ClientError } from './client-error';

/** Parses the JSON body of `response` with `schema`, or throws INVALID_RESPONSE naming `what`. */
export async function parseBody<T>(
  what: string,
  response: Response,
  schema: z.ZodType<T>,
): Promise<T> {
  const body = await readJson(what, response);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ClientError(
      'INVALID_RESPONSE',
      `${what} answered ${response.status} with an unexpected body:\n${z.prettifyError(parsed.error)}`,
      response.status,
    );
  }
  return parsed.data;
}

/** The page meta of a list response's headers, or INVALID_RESPONSE naming `what`. */
export function parseListHeaders(what: string, response: Response): ListPageMeta {
  const parsed = readListHeaders((name) => response.headers.get(name));
  if (!parsed.success) {
    throw new ClientError(
      'INVALID_RESPONSE',
      `${what} answered ${response.status} with unexpected page headers:\n${z.prettifyError(parsed.error)}`,
      response.status,
    );
  }
  return parsed.data;
}

async function readJson(what: string, response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new ClientError(
      'INVALID_RESPONSE',
      `${what} answered ${response.status} with a body that is not JSON (${type})`,
      response.status,
    );
  }
}

/** Rebuilds the server's problem details into an AppError, or describes the bare status. */
export async function errorFromResponse(what: string, response: Response): Promise<ApiFailure> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (ProblemDetailsSchema.safeParse(body).success) return AppError.fromProblem(body);
  return new ClientError('HTTP_ERROR', `${what} answered ${response.status}`, response.status);
}
