import {
  HealthResponseSchema,
  ProblemDetailsSchema,
  ReadinessResponseSchema,
  problemType,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS } from '../support/database-backends';
import { startTestControlPlane, type RunningControlPlane } from './start';

describe.each(DATABASE_BACKENDS)('health endpoints on %s', (_name, makeDatabase) => {
  let server: RunningControlPlane;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await makeDatabase();
    drop = database.drop;
    server = await startTestControlPlane(database.target);
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('answers /healthz with the service version', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = HealthResponseSchema.parse(await res.json());
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers /readyz 200 once the database answers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    const body = ReadinessResponseSchema.parse(await res.json());
    expect(body.status).toBe('ready');
    expect(body.checks.database.status).toBe('up');
  });
});

describe('errors', () => {
  let server: RunningControlPlane;
  beforeAll(async () => {
    server = await startTestControlPlane({ kind: 'pglite', dataDir: 'memory://' });
  });
  afterAll(() => server?.close());

  it('answers an unknown route with an RFC 9457 problem carrying a stable code', async () => {
    const res = await fetch(`${server.url}/v2/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = ProblemDetailsSchema.parse(await res.json());
    expect(problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      type: problemType('NOT_FOUND'),
    });
    expect(problem.detail).toContain('/v2/nothing-here');
  });

  const postUsers = (body: string, contentType: string) =>
    fetch(`${server.url}/v2/users`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  it.each([
    ['unreadable JSON', '{"email":', 'application/json', 400, 'MALFORMED_REQUEST'],
    [
      'a form instead of JSON',
      'email=a',
      'application/x-www-form-urlencoded',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['plain text instead of JSON', '{}', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a body over the limit',
      `{"x":"${'a'.repeat(1_100_000)}"}`,
      'application/json',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('refuses %s with a problem, before any handler', async (_what, body, type, status, code) => {
    const res = await postUsers(body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = ProblemDetailsSchema.parse(await res.json());
    expect(problem.status).toBe(status);
    if (code) expect(problem.code).toBe(code);
    expect(problem.detail).toBeTruthy();
  });

  it('takes an empty JSON body as no body', async () => {
    const res = await postUsers('', 'application/json');
    const problem = ProblemDetailsSchema.parse(await res.json());
    expect(problem.code).toBe('VALIDATION_FAILED'); // the sign-up fields are missing, nothing worse
    expect(JSON.stringify(problem.errors)).toContain('email');
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const echoed = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'req-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-42');
    const made = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id!' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("routes long path segments (workflow ids are the caller's choice)", async () => {
    const id = 'w'.repeat(1_000);
    const res = await fetch(`${server.url}/v2/orgs/no-such-org/apps/a/workflows/${id}`);
    expect(res.status).toBe(401); // routed, then refused for want of a caller: not a 404
  });
});

describe('readiness when PostgreSQL is unreachable', () => {
  let server: RunningControlPlane;
  beforeAll(async () => {
    server = await startTestControlPlane({
      kind: 'postgres',
      url: 'postgresql://podium:pw@127.0.0.1:1/none',
    });
  });
  afterAll(() => server?.close());

  it('stays alive but answers /readyz 503 saying the database failed, not where; the log says why', async () => {
    await expect(fetch(`${server.url}/healthz`).then((r) => r.status)).resolves.toBe(200);
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = ReadinessResponseSchema.parse(await res.json());
    expect(body.status).toBe('not_ready');
    expect(body.checks.database).toMatchObject({
      kind: 'postgres',
      status: 'down',
      error: 'did not answer the ping',
    });
    // The driver's words (refused at 127.0.0.1:1) stay in the replica's log, minus credentials.
    const logged = server.logs.find((line) => line.includes('readiness: a dependency is down'));
    expect(logged).toContain('"dependency":"database"');
    expect(logged).toContain('127.0.0.1:1');
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    expect(server.logs.join('')).not.toContain('pw@');
  });
});
