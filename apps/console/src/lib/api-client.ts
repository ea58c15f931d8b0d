import { z } from 'zod';
import { ApiError } from './api-error';
import { readServerEnv } from './env';
import { describeNetworkError } from './network-error';
import { ProblemDetailsSchema } from '@podium/protocol';

export interface RequestOptions {
  /** Cancels the request (TanStack Query passes one per query). */
  signal?: AbortSignal;
  /** Gives up after this long with a `TIMEOUT` error. */
  timeoutMs?: number;
  /**
   * Where control-plane paths live. Default: the console's own `/api` proxy in the
   * browser (same origin, so cookies apply), the control plane itself on the server.
   */
  baseUrl?: string;
}

export interface GetJsonOptions extends RequestOptions {
  /** Statuses whose body is a normal answer for `schema`. Default: any 2xx. */
  okStatuses?: readonly number[];
}

export function defaultBaseUrl(): string {
  return typeof window === 'undefined' ? readServerEnv().PODIUM_CONTROL_PLANE_URL : '/api';
}

/** GETs a control-plane path and parses the answer with a protocol schema. */
export async function getJson<T>(
  path: string,
  schema: z.ZodType<T>,
  options: GetJsonOptions = {},
): Promise<T> {
  const what = `GET ${path}`;
  const response = await send(what, joinUrl(options.baseUrl ?? defaultBaseUrl(), path), options);
  const isOk = options.okStatuses
    ? options.okStatuses.includes(response.status)
    : response.status >= 200 && response.status < 300;
  if (!isOk) throw await errorFromResponse(what, response);

  const body = await readJson(what, response);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'INVALID_RESPONSE',
      `${what} answered ${response.status} with an unexpected body:\n${z.prettifyError(parsed.error)}`,
      response.status,
    );
  }
  return parsed.data;
}

async function send(what: string, url: string, options: RequestOptions): Promise<Response> {
  const signals = [
    options.signal,
    options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
  ];
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  try {
    return await fetch(url, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: present.length > 0 ? AbortSignal.any(present) : undefined,
    });
  } catch (error) {
    // A cancellation by the caller is not a failure of ours: let it through untouched.
    if (options.signal?.aborted) throw error;
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ApiError('TIMEOUT', `${what} got no answer within ${options.timeoutMs} ms`);
    }
    throw new ApiError('NETWORK_ERROR', `${what} failed: ${describeNetworkError(error)}`);
  }
}

async function readJson(what: string, response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new ApiError(
      'INVALID_RESPONSE',
      `${what} answered ${response.status} with a body that is not JSON (${type})`,
      response.status,
    );
  }
}

/** Rebuilds the server's problem details into an ApiError, or describes the bare status. */
async function errorFromResponse(what: string, response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const problem = ProblemDetailsSchema.safeParse(body);
  if (problem.success && (problem.data.detail ?? problem.data.title)) {
    const { code, detail, title } = problem.data;
    return new ApiError(code ?? 'HTTP_ERROR', detail ?? title ?? '', response.status, problem.data);
  }
  return new ApiError('HTTP_ERROR', `${what} answered ${response.status}`, response.status);
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
