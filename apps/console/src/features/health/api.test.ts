import { AppError, problemType } from '@podium/protocol/rest';
import type { HealthResponse, ReadinessResponse } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { apiFailure } from '../../testing/api-failure';
import { reply, unusedUrl } from '../../testing/local-server';
import { serverPerTest } from '../../testing/server-per-test';
import { fetchHealth, fetchReadiness } from './api';

const health: HealthResponse = {
  status: 'ok',
  service: 'podium-control-plane',
  version: '0.1.0',
  uptimeSeconds: 12,
};
const ready: ReadinessResponse = {
  status: 'ready',
  checks: { database: { kind: 'pglite', status: 'up', latencyMs: 1.5 } },
};
const notReady: ReadinessResponse = {
  status: 'not_ready',
  checks: {
    database: { kind: 'postgres', status: 'down', latencyMs: 2000, error: 'connection refused' },
  },
};

const serve = serverPerTest();

describe('fetchHealth', () => {
  it('returns the parsed body of GET /healthz', async () => {
    let path = '';
    const baseUrl = await serve((req, res) => {
      path = req.url ?? '';
      reply(200, JSON.stringify(health))(req, res);
    });
    await expect(fetchHealth({ baseUrl })).resolves.toEqual(health);
    expect(path).toBe('/healthz');
  });

  it('rejects a body that is not JSON, naming the request and the content type', async () => {
    const baseUrl = await serve(reply(200, '<html>oops</html>', 'text/html'));
    const error = await apiFailure(fetchHealth({ baseUrl }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toBe(
      'GET /healthz answered 200 with a body that is not JSON (text/html)',
    );
  });

  it('rejects JSON of the wrong shape, naming the bad field', async () => {
    const baseUrl = await serve(reply(200, JSON.stringify({ ...health, status: 'fine' })));
    const error = await apiFailure(fetchHealth({ baseUrl }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('GET /healthz answered 200 with an unexpected body');
    expect(error.message).toContain('status');
  });

  it('rebuilds the error from a problem+json body', async () => {
    const problem = {
      type: problemType('CONTROL_PLANE_UNREACHABLE'),
      title: 'The control plane cannot be reached',
      status: 502,
      detail: 'The console could not connect to the control plane (ECONNREFUSED).',
      code: 'CONTROL_PLANE_UNREACHABLE',
    };
    const baseUrl = await serve(reply(502, JSON.stringify(problem), 'application/problem+json'));
    const error = await apiFailure(fetchHealth({ baseUrl }));
    expect(error).toMatchObject({ code: 'CONTROL_PLANE_UNREACHABLE', status: 502 });
    expect(AppError.is(error) && error.toProblem()).toEqual(problem);
    expect(error.message).toBe(problem.detail);
  });

  it('describes an error status without a problem body', async () => {
    const baseUrl = await serve(reply(500, 'Internal Server Error', 'text/plain'));
    const error = await apiFailure(fetchHealth({ baseUrl }));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 500 });
    expect(error.message).toBe('GET /healthz answered 500');
  });

  it('reports a refused connection as a network error', async () => {
    const error = await apiFailure(fetchHealth({ baseUrl: await unusedUrl() }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe('GET /healthz failed: ECONNREFUSED');
  });

  it('gives up on a server that never answers', async () => {
    const baseUrl = await serve(() => undefined);
    const error = await apiFailure(fetchHealth({ baseUrl, timeoutMs: 100 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('GET /healthz got no answer within 100 ms');
  });

  it("lets the caller's own cancellation through as an abort, not an API failure", async () => {
    const baseUrl = await serve(() => undefined);
    const controller = new AbortController();
    const pending = fetchHealth({ baseUrl, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('fetchReadiness', () => {
  it('returns a ready body answered with 200', async () => {
    const baseUrl = await serve(reply(200, JSON.stringify(ready)));
    await expect(fetchReadiness({ baseUrl })).resolves.toEqual(ready);
  });

  it('treats 503 with a readiness body as an answer (not ready), not a failure', async () => {
    const baseUrl = await serve(reply(503, JSON.stringify(notReady)));
    await expect(fetchReadiness({ baseUrl })).resolves.toEqual(notReady);
  });

  it('rejects a 503 whose body is not a readiness body', async () => {
    const baseUrl = await serve(reply(503, 'Service Unavailable', 'text/plain'));
    const error = await apiFailure(fetchReadiness({ baseUrl }));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 503 });
  });

  it('rejects an unknown database kind', async () => {
    const body = { ...ready, checks: { database: { ...ready.checks.database, kind: 'sqlite' } } };
    const baseUrl = await serve(reply(200, JSON.stringify(body)));
    const error = await apiFailure(fetchReadiness({ baseUrl }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('checks.database.kind');
  });
});
