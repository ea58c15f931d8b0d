// The one way the console calls the control plane. Reads and writes share one path:
// writes carry the session's CSRF token, and a 401 (an expired access cookie) is answered
// by refreshing the session once and retrying the request once.
import { CSRF_HEADER, type ListPage } from '@podium/protocol/rest';
import { checkRequestHeaders, readAnswer } from './answer-reader';
import type { AnswerExpectation } from './checked-answer';
import { ClientError } from './client-error';
import { currentCsrfToken } from './csrf';
import { describeNetworkError } from './network-error';
import type { ListItem, ListSchemaName, Parsed, SchemaName } from './rest-schema-names';
import { refreshSession } from './session-refresh';
import { joinUrl } from './url';

export interface RequestOptions {
  /** Cancels the request (the query cache passes one per request). */
  signal?: AbortSignal;
  /** Gives up after this long with a `TIMEOUT` error. */
  timeoutMs?: number;
  /**
   * Where control-plane paths live. Default: the console's own `/api` proxy in the
   * browser (same origin, so cookies apply), the control plane itself on the server.
   */
  baseUrl?: string;
  /** The session's CSRF token. Default: read from the browser's CSRF cookie at send time. */
  csrfToken?: () => string | undefined;
  /**
   * On 401, refresh the session once and retry once. Default true; off for the calls that
   * establish a session (sign-in, sign-up), whose 401 means wrong credentials.
   */
  refreshOnUnauthenticated?: boolean;
}

export interface GetJsonOptions extends RequestOptions {
  /** Statuses whose body is a normal answer for `schema`. Default: any 2xx. */
  okStatuses?: readonly number[];
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function defaultBaseUrl(): Promise<string> {
  if (typeof window !== 'undefined') return '/api';
  // Loaded only on the server: the environment's schema (zod) stays out of the browser bundle.
  const { readServerEnv } = await import('./env');
  return readServerEnv().PODIUM_CONTROL_PLANE_URL;
}

/** GETs a control-plane path and parses the answer with the protocol schema named `schema`. */
export async function getJson<N extends SchemaName>(
  path: string,
  schema: N,
  options: GetJsonOptions = {},
): Promise<Parsed<N>> {
  const expectation = { schema, okStatuses: options.okStatuses };
  const response = await call('GET', path, undefined, expectation, options);
  return (await readAnswer(`GET ${path}`, response, expectation)).value as Parsed<N>;
}

/**
 * GETs a list: its body is a bare array (`listSchema` names a protocol `listResponse`), its page
 * meta is in headers (`LIST_HEADERS`); both come back as one page object.
 */
export async function getPage<N extends ListSchemaName>(
  path: string,
  listSchema: N,
  options: RequestOptions = {},
): Promise<ListPage<ListItem<N>>> {
  return readPage('GET', path, undefined, listSchema, options);
}

/** Sends `body` as JSON and reads the answer as a list (a search), as `getPage` does. */
export async function sendForPage<N extends ListSchemaName>(
  method: WriteMethod,
  path: string,
  body: unknown,
  listSchema: N,
  options: RequestOptions = {},
): Promise<ListPage<ListItem<N>>> {
  return readPage(method, path, body, listSchema, options);
}

async function readPage<N extends ListSchemaName>(
  method: 'GET' | WriteMethod,
  path: string,
  body: unknown,
  listSchema: N,
  options: RequestOptions,
): Promise<ListPage<ListItem<N>>> {
  const expectation = { schema: listSchema, list: true };
  const response = await call(method, path, body, expectation, options);
  const { value, meta } = await readAnswer(`${method} ${path}`, response, expectation);
  return { items: value as ListItem<N>[], ...meta };
}

/** Sends `body` as JSON (none when undefined) and parses the answer with the schema named `schema`. */
export async function sendJson<N extends SchemaName>(
  method: WriteMethod,
  path: string,
  body: unknown,
  schema: N,
  options: RequestOptions = {},
): Promise<Parsed<N>> {
  const expectation = { schema };
  const response = await call(method, path, body, expectation, options);
  return (await readAnswer(`${method} ${path}`, response, expectation)).value as Parsed<N>;
}

/** A write whose success has no body (204), e.g. revoking a key or signing out. */
export async function sendWithoutContent(
  method: WriteMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<void> {
  const response = await call(method, path, body, {}, options);
  await readAnswer(`${method} ${path}`, response, {});
}

async function call(
  method: 'GET' | WriteMethod,
  path: string,
  body: unknown,
  expectation: AnswerExpectation,
  options: RequestOptions,
): Promise<Response> {
  const baseUrl = options.baseUrl ?? (await defaultBaseUrl());
  const csrfToken = options.csrfToken ?? currentCsrfToken;
  const what = `${method} ${path}`;
  const attempt = () => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...checkRequestHeaders(expectation),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // A write whose answer is read asks for it (RFC 7240): where DBOS Conductor answers 204,
    // the control plane gives the result only when asked.
    if (method !== 'GET' && expectation.schema) headers.prefer = 'return=representation';
    const token = method === 'GET' ? undefined : csrfToken();
    if (token) headers[CSRF_HEADER] = token;
    return send(what, joinUrl(baseUrl, path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      options,
    });
  };

  const response = await attempt();
  if (response.status !== 401 || options.refreshOnUnauthenticated === false) return response;
  // No CSRF cookie means no session: nothing to refresh, the 401 is the answer.
  const token = csrfToken();
  if (!token || !(await refreshSession(baseUrl, token))) return response;
  await response.body?.cancel();
  return attempt();
}

interface SendInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  options: RequestOptions;
}

async function send(what: string, url: string, init: SendInit): Promise<Response> {
  const { options } = init;
  const signals = [
    options.signal,
    options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
  ];
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  try {
    return await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      cache: 'no-store',
      signal: present.length > 0 ? AbortSignal.any(present) : undefined,
    });
  } catch (error) {
    // A cancellation by the caller is not a failure of ours: let it through untouched.
    if (options.signal?.aborted) throw error;
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ClientError('TIMEOUT', `${what} got no answer within ${options.timeoutMs} ms`);
    }
    throw new ClientError('NETWORK_ERROR', `${what} failed: ${describeNetworkError(error)}`);
  }
}
