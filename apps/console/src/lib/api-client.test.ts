import { AppError, CSRF_HEADER, problemType } from '@podium/protocol/rest';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { apiFailure } from '../testing/api-failure';
import { readBody } from '../testing/local-server';
import { serverPerTest } from '../testing/server-per-test';
import { getJson, getPage, sendForPage, sendJson, sendWithoutContent } from './api-client';

interface Seen {
  method: string;
  url: string;
  csrf: string | undefined;
  contentType: string | undefined;
  prefer: string | undefined;
  body: string;
}

/** Small protocol schemas: an object (`{ workflowIds }`) and a list (permission names). */
const Thing = 'BackfillScheduleResponseSchema';
const session = {
  user: {
    id: '01a20232-743a-776f-ad35-20ebd77302a4',
    email: 'a@x.io',
    displayName: 'A',
    name: null,
    givenName: '',
    familyName: '',
    company: '',
    createdAt: '2026-11-22T07:39:50.715Z',
  },
  session: {
    id: '01a20232-7674-76bd-8e06-70f209fd1965',
    expiresAt: '2026-12-06T07:39:51.049Z',
    accessExpiresAt: '2026-11-22T07:54:51.000Z',
  },
  csrfToken: 'csrf-1',
};
const unauthenticated = {
  type: problemType('UNAUTHENTICATED'),
  title: 'Authentication is required',
  status: 401,
  code: 'UNAUTHENTICATED',
  detail: 'The session has expired or ended; refresh it or sign in again.',
};

const serve = serverPerTest();
let seen: Seen[] = [];
afterEach(() => {
  seen = [];
});

type Answer = {
  status: number;
  body?: unknown;
  /** Answered once this has resolved. */
  holdUntil?: Promise<unknown>;
  headers?: Record<string, string>;
};

/** A scripted control plane: `answer` decides each reply; every request is recorded. */
async function controlPlane(answer: (req: Seen, index: number) => Answer): Promise<string> {
  return serve((req: http.IncomingMessage, res: http.ServerResponse) => {
    void readBody(req).then(async (body) => {
      const entry: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        csrf: req.headers[CSRF_HEADER.toLowerCase()] as string | undefined,
        contentType: req.headers['content-type'],
        prefer: req.headers.prefer as string | undefined,
        body,
      };
      seen.push(entry);
      const { status, body: out, holdUntil, headers } = answer(entry, seen.length - 1);
      await holdUntil;
      const type = status >= 400 ? 'application/problem+json' : 'application/json';
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(out === undefined ? undefined : JSON.stringify(out));
    });
  });
}

const withCsrf = (baseUrl: string) => ({ baseUrl, csrfToken: () => 'csrf-1' });
/** Expired access cookie: 401 until the session has been refreshed. */
function expiringSession(req: Seen): Answer {
  if (req.url === '/v2/sessions/refresh') return { status: 200, body: session };
  const refreshed = seen.some((s) => s.url === '/v2/sessions/refresh');
  return refreshed
    ? { status: 200, body: { workflowIds: ['x'] } }
    : { status: 401, body: unauthenticated };
}

describe('getPage', () => {
  const Things = 'ListPermissionsResponseSchema';

  it('reads the bare array and the page headers back into one page', async () => {
    const baseUrl = await controlPlane(() => ({
      status: 200,
      body: ['organization.read', 'application.read'],
      headers: {
        'X-Total-Count': '5',
        'X-Page-Limit': '2',
        'X-Page-Offset': '2',
        'X-Next-Offset': '4',
        'X-Podium-Last-Known-At': '2026-12-04T23:00:00.000Z',
        'X-Podium-Last-Known-Reason': 'no executor connected',
      },
    }));
    await expect(getPage('/v2/things?limit=2&offset=2', Things, { baseUrl })).resolves.toEqual({
      items: ['organization.read', 'application.read'],
      total: 5,
      limit: 2,
      offset: 2,
      nextOffset: 4,
      lastKnown: { at: '2026-12-04T23:00:00.000Z', reason: 'no executor connected' },
    });
  });

  it('reads a last page (no next offset) from a search the same way', async () => {
    const baseUrl = await controlPlane(() => ({
      status: 200,
      body: ['metric.read'],
      headers: { 'X-Page-Limit': '2', 'X-Page-Offset': '4' },
    }));
    const page = await sendForPage('POST', '/v2/things/search', {}, Things, withCsrf(baseUrl));
    expect(page).toEqual({ items: ['metric.read'], limit: 2, offset: 4 });
    expect(seen[0]).toMatchObject({ method: 'POST', csrf: 'csrf-1' });
  });

  it('refuses a wrapped body or unreadable page headers (INVALID_RESPONSE)', async () => {
    const wrapped = await controlPlane(() => ({ status: 200, body: { items: [] } }));
    await expect(getPage('/v2/things', Things, { baseUrl: wrapped })).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
    const badHeader = await controlPlane(() => ({
      status: 200,
      body: [],
      headers: { 'X-Total-Count': 'many' },
    }));
    await expect(getPage('/v2/things', Things, { baseUrl: badHeader })).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
  });
});

describe('sendJson', () => {
  it('sends the body as JSON with the CSRF header, asks for the result, and parses it', async () => {
    const baseUrl = await controlPlane(() => ({ status: 201, body: { workflowIds: ['app-1'] } }));
    await expect(
      sendJson('POST', '/v2/orgs/acme/apps', { name: 'shop' }, Thing, withCsrf(baseUrl)),
    ).resolves.toEqual({ workflowIds: ['app-1'] });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/v2/orgs/acme/apps',
        csrf: 'csrf-1',
        contentType: 'application/json',
        // Where DBOS Conductor answers 204, the control plane gives the result only if asked.
        prefer: 'return=representation',
        body: '{"name":"shop"}',
      },
    ]);
  });

  it('rebuilds a validation problem with its field errors', async () => {
    const problem = {
      type: problemType('VALIDATION_FAILED'),
      title: 'The request is not valid',
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'password', message: 'must be at least 12 characters' }],
    };
    const baseUrl = await controlPlane(() => ({ status: 422, body: problem }));
    const error = await apiFailure(sendJson('POST', '/v2/users', {}, Thing, withCsrf(baseUrl)));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
    expect(AppError.is(error) && error.toProblem()).toEqual(problem);
    expect(error.message).toBe('The request is not valid');
  });

  it('sends no CSRF header when there is no session cookie', async () => {
    const baseUrl = await controlPlane(() => ({ status: 201, body: { workflowIds: ['u'] } }));
    await sendJson('POST', '/v2/users', { a: 1 }, Thing, { baseUrl, csrfToken: () => undefined });
    expect(seen[0]?.csrf).toBeUndefined();
  });
});

describe('getJson', () => {
  it('never sends the CSRF token on a read', async () => {
    const baseUrl = await controlPlane(() => ({ status: 200, body: { workflowIds: ['x'] } }));
    await getJson('/v2/users/me', Thing, withCsrf(baseUrl));
    expect(seen[0]).toMatchObject({ method: 'GET', csrf: undefined, contentType: undefined });
    expect(seen[0]?.prefer).toBeUndefined();
  });
});

describe('sendWithoutContent', () => {
  it('accepts a 204 and sends no body when none is given', async () => {
    const baseUrl = await controlPlane(() => ({ status: 204 }));
    await expect(
      sendWithoutContent('DELETE', '/v2/orgs/acme/tokens/k1', undefined, withCsrf(baseUrl)),
    ).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'DELETE', csrf: 'csrf-1', body: '' });
    expect(seen[0]?.contentType).toBeUndefined();
    expect(seen[0]?.prefer).toBeUndefined();
  });
});

describe('a 401 from an expired access cookie', () => {
  it('refreshes the session once, with the CSRF header, and retries the request', async () => {
    const baseUrl = await controlPlane(expiringSession);
    await expect(
      sendJson('POST', '/v2/orgs/acme/apps', { name: 'shop' }, Thing, withCsrf(baseUrl)),
    ).resolves.toEqual({ workflowIds: ['x'] });
    expect(seen.map((s) => `${s.method} ${s.url} ${s.csrf}`)).toEqual([
      'POST /v2/orgs/acme/apps csrf-1',
      'POST /v2/sessions/refresh csrf-1',
      'POST /v2/orgs/acme/apps csrf-1',
    ]);
    expect(seen[2]?.body).toBe('{"name":"shop"}');
  });

  it('refreshes reads too', async () => {
    const baseUrl = await controlPlane(expiringSession);
    await expect(getJson('/v2/users/me', Thing, withCsrf(baseUrl))).resolves.toEqual({
      workflowIds: ['x'],
    });
    expect(seen.map((s) => s.url)).toEqual([
      '/v2/users/me',
      '/v2/sessions/refresh',
      '/v2/users/me',
    ]);
  });

  it('shares one refresh between requests that fail at the same time', async () => {
    // The refresh is answered only once each of the three has had its 401 and turned to the
    // refresh (on a 401 a read asks for the CSRF token, then joins the refresh in flight or
    // starts one, in the same turn); until then every request is refused.
    let allTurned!: () => void;
    const allTurnedToRefresh = new Promise<void>((resolve) => (allTurned = resolve));
    let tokensAsked = 0;
    const csrfToken = () => {
      if (++tokensAsked === 3) allTurned();
      return 'csrf-1';
    };
    let refreshed = false;
    const baseUrl = await controlPlane((req) => {
      if (req.url === '/v2/sessions/refresh') {
        const answered = allTurnedToRefresh.then(() => (refreshed = true));
        return { status: 200, body: session, holdUntil: answered };
      }
      return refreshed
        ? { status: 200, body: { workflowIds: ['x'] } }
        : { status: 401, body: unauthenticated };
    });
    const results = await Promise.all(
      ['/a', '/b', '/c'].map((path) => getJson(path, Thing, { baseUrl, csrfToken })),
    );
    expect(results).toEqual([
      { workflowIds: ['x'] },
      { workflowIds: ['x'] },
      { workflowIds: ['x'] },
    ]);
    expect(seen.filter((s) => s.url === '/v2/sessions/refresh')).toHaveLength(1);
  });

  it('gives up with the original problem when the refresh is refused', async () => {
    const baseUrl = await controlPlane(() => ({ status: 401, body: unauthenticated }));
    const error = await apiFailure(getJson('/v2/users/me', Thing, withCsrf(baseUrl)));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(error.message).toBe(unauthenticated.detail);
    expect(seen.map((s) => s.url)).toEqual(['/v2/users/me', '/v2/sessions/refresh']);
  });

  it('retries only once, even if the retry is refused again', async () => {
    const baseUrl = await controlPlane((req) =>
      req.url === '/v2/sessions/refresh'
        ? { status: 200, body: session }
        : { status: 401, body: unauthenticated },
    );
    const error = await apiFailure(getJson('/v2/users/me', Thing, withCsrf(baseUrl)));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(seen.map((s) => s.url)).toEqual([
      '/v2/users/me',
      '/v2/sessions/refresh',
      '/v2/users/me',
    ]);
  });

  it('does not refresh without a session cookie', async () => {
    const baseUrl = await controlPlane(() => ({ status: 401, body: unauthenticated }));
    await apiFailure(getJson('/v2/users/me', Thing, { baseUrl, csrfToken: () => undefined }));
    expect(seen).toHaveLength(1);
  });

  it('does not refresh when told not to (a wrong password at sign-in)', async () => {
    const baseUrl = await controlPlane(() => ({ status: 401, body: unauthenticated }));
    const error = await apiFailure(
      sendJson('POST', '/v2/sessions', {}, Thing, {
        ...withCsrf(baseUrl),
        refreshOnUnauthenticated: false,
      }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(seen).toHaveLength(1);
  });
});
