import { randomBytes } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsSchema, problemType } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawConnection, parseRawResponse } from './raw-socket';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * What Fastify refuses before Nest's handlers (the router, the HTTP parser) answers as
 * RFC 9457 problems too, like everything else.
 */
describe('refusals before any handler are problems (PGlite)', () => {
  let server: RunningControlPlane;

  beforeAll(async () => {
    server = await startTestControlPlane({ kind: 'pglite', dataDir: 'memory://' });
  });
  afterAll(() => server?.close());

  async function problemAt(path: string, status: number, code: string) {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = ProblemDetailsSchema.parse(await res.json());
    expect(problem).toMatchObject({ status, code, type: problemType(code as 'NOT_FOUND') });
    return { problem, requestId: res.headers.get('x-request-id') };
  }

  it.each([
    ['a truncated escape', '/v2/orgs/%E0%A4%A'],
    ['an escaped lone surrogate', '/v2/orgs/%ED%A0%80'],
  ])('answers malformed URL encoding (%s) with 400 MALFORMED_REQUEST', async (_what, path) => {
    const { problem, requestId } = await problemAt(path, 400, 'MALFORMED_REQUEST');
    expect(problem.instance).toBe(path);
    expect(problem.detail).toMatch(/encod/);
    // It is logged like any request.
    await waitUntil(
      () => server.logs.some((l) => l.includes('http request') && l.includes(String(requestId))),
      10_000,
      'the request log line',
    );
  });

  it('answers a path segment over the router limit with 414 URI_TOO_LONG', async () => {
    const id = 'w'.repeat(3_000);
    const { problem } = await problemAt(
      `/v2/orgs/acme/apps/a/workflows/${id}`,
      414,
      'URI_TOO_LONG',
    );
    expect(problem.detail).toMatch(/2048/);
    expect(problem.detail).not.toContain(id);
  });

  it('keeps an executor key out of a framework refusal', async () => {
    const key = `pdm_${randomBytes(16).toString('hex')}`;
    const { problem, requestId } = await problemAt(
      `/conductor/v1alpha1/websocket/app/${key}%E0%A4%A`,
      400,
      'MALFORMED_REQUEST',
    );
    expect(JSON.stringify(problem)).not.toContain(key);
    expect(problem.instance).toContain('[REDACTED]');
    await waitUntil(
      () => server.logs.some((l) => l.includes(String(requestId))),
      10_000,
      'the request log line',
    );
    expect(server.logs.join('')).not.toContain(key);
  });

  it('answers a request that is not HTTP with 400 and a problem body', async () => {
    const connection = await openRawConnection(server.url, 'HELLO THERE\r\n\r\n');
    const response = parseRawResponse(await connection.closed);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(ProblemDetailsSchema.parse(JSON.parse(response.body))).toMatchObject({
      status: 400,
      code: 'MALFORMED_REQUEST',
    });
  });

  it('answers headers over the size limit with 431 and a problem body', async () => {
    const connection = await openRawConnection(
      server.url,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    const response = parseRawResponse(await connection.closed);
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(response.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });
});
