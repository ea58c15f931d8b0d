import { randomBytes } from 'node:crypto';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  type ProblemDetails,
  ProblemDetailsSchema,
  UserSchema,
  readListHeaders,
  type ListPage,
} from '@podium/protocol';
import type { z } from 'zod';

interface StoredCookie {
  value: string;
  path: string;
  attributes: string[];
}

export interface RequestOptions {
  json?: unknown;
  headers?: Record<string, string>;
  /** Echo the CSRF cookie in X-CSRF-Token, as the console does (default true). */
  csrf?: boolean;
  /** Send cookies (default true). */
  cookies?: boolean;
}

/** A response with its body already read (JSON when there is one). */
export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

let nextClient = 1;

/**
 * A browser-like HTTP client for end-to-end tests: keeps cookies by name and sends them only
 * on matching paths, plays one client address (X-Forwarded-For, trusted from loopback), and
 * echoes the CSRF cookie like the console would.
 */
export class TestBrowser {
  private readonly jar = new Map<string, StoredCookie>();
  readonly ip: string;

  constructor(
    readonly baseUrl: string,
    ip?: string,
  ) {
    this.ip = ip ?? `10.${randomBytes(1)[0]}.${(nextClient >> 8) & 255}.${nextClient++ & 255}`;
  }

  cookie(name: string): StoredCookie | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.jar.set(name, { value, path, attributes: [] });
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, json?: unknown, options?: RequestOptions) =>
    this.request('POST', path, { ...options, json });
  patch = (path: string, json?: unknown, options?: RequestOptions) =>
    this.request('PATCH', path, { ...options, json });
  put = (path: string, json?: unknown, options?: RequestOptions) =>
    this.request('PUT', path, { ...options, json });
  delete = (path: string, options?: RequestOptions) => this.request('DELETE', path, options);

  /** What this browser sends with a request to `path`: its address and matching cookies. */
  headersFor(path: string): Record<string, string> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip };
    const cookies = [...this.jar].filter(([, c]) => pathMatches(path, c.path));
    if (cookies.length > 0) headers.cookie = cookies.map(([n, c]) => `${n}=${c.value}`).join('; ');
    return headers;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = {
      ...(options.cookies === false ? { 'x-forwarded-for': this.ip } : this.headersFor(path)),
      ...options.headers,
    };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.cookies !== false) {
      const csrf = this.jar.get(CSRF_COOKIE)?.value;
      const hasCsrfHeader = Object.keys(headers).some(
        (name) => name.toLowerCase() === CSRF_HEADER.toLowerCase(),
      );
      if (options.csrf !== false && csrf && !hasCsrfHeader) {
        headers[CSRF_HEADER] = csrf;
      }
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    for (const line of res.headers.getSetCookie()) this.store(line);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const value = decodeURIComponent(pair.slice(at + 1));
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key.toLowerCase()}=`))?.split('=')[1];
    const expires = attribute('Expires');
    const expired =
      attribute('Max-Age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (expired) this.jar.delete(name);
    else this.jar.set(name, { value, path: attribute('Path') ?? '/', attributes });
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  const path = requestPath.split('?')[0] ?? '';
  return cookiePath === '/' || path === cookiePath || path.startsWith(`${cookiePath}/`);
}

/** The body of a successful response, checked against its protocol schema. */
export function bodyOf<S extends z.ZodType>(
  res: TestResponse,
  schema: S,
  status = 200,
): z.infer<S> {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return schema.parse(res.body);
}

/**
 * A list response as its page: the bare array body parsed with `listSchema`, and the page meta
 * read from its headers (`LIST_HEADERS`).
 */
export function pageOf<T>(
  res: TestResponse,
  listSchema: z.ZodType<T[]>,
  status = 200,
): ListPage<T> {
  const items = bodyOf(res, listSchema, status);
  const meta = readListHeaders((name) => res.headers.get(name));
  if (!meta.success) throw meta.error;
  return { items, ...meta.data };
}

/** Asserts a failed response's status and stable code; returns its RFC 9457 problem body. */
export function assertProblem(res: TestResponse, status: number, code: string): ProblemDetails {
  const problem = ProblemDetailsSchema.parse(res.body);
  if (res.status !== status || problem.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return problem;
}

const unique = () => randomBytes(4).toString('hex');

/** Registers and signs in a new user in `browser`. */
export async function signUpAndIn(
  browser: TestBrowser,
  overrides: { email?: string; password?: string; displayName?: string; name?: string } = {},
) {
  const account = {
    email: overrides.email ?? `user-${unique()}@example.com`,
    password: overrides.password ?? `password-${unique()}`,
    displayName: overrides.displayName ?? 'Test User',
  };
  // `name`: a DBOS user name, given only when asked for (most accounts have none).
  const registered = await browser.post('/v2/users', {
    ...account,
    ...(overrides.name && { name: overrides.name }),
  });
  if (registered.status !== 201) throw new Error(`sign-up: ${JSON.stringify(registered.body)}`);
  const session = await browser.post('/v2/sessions', {
    email: account.email,
    password: account.password,
  });
  if (session.status !== 201) throw new Error(`sign-in: ${JSON.stringify(session.body)}`);
  return { ...account, userId: UserSchema.parse(registered.body).id };
}
