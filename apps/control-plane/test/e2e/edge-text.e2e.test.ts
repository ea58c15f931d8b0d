import { ProblemDetailsSchema } from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { setUpOwnedApp, type OwnedApp } from './owned-app';
import { usePostgresControlPlane } from './start';
import { assertProblem } from './test-browser';
import { waitUntil } from './wait-until';

/** `{ attributes: { a: { a: ... 1 } } }`, `depth` objects deep, as raw JSON text. */
function deeplyNested(depth: number): string {
  return `{"attributes":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

describe('text PostgreSQL cannot store, and deep JSON, are refused at the edge (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let owned: OwnedApp;

  beforeAll(async () => {
    owned = await setUpOwnedApp(stack.server.url, {
      orgPrefix: 'edge',
      app: { name: 'edge-app' },
      permissions: ['websocket.connect', 'application.read'],
    });
  });

  it.each([
    ['an unpaired low surrogate', 'x\udfff', 'edge-low'],
    ['an unpaired high surrogate', 'ghost\ud800', 'edge-high'],
    ['a NUL character', 'nul\u0000here', 'edge-nul'],
  ])('refuses %s in a JSON value with a 422 naming the field', async (_what, displayName, name) => {
    const res = await owned.owner.post('/v2/orgs', { name, displayName });
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(['displayName']);
    expect(problem.detail).toMatch(/body/);
    // Nothing was created: the name is still free.
    const created = await owned.owner.post('/v2/orgs', { name });
    expect(created.status).toBe(201);
  });

  /** A connected executor that answers any listing with nothing. */
  async function connectExecutor(executorId: string): Promise<ScriptedLink> {
    const link = await connectScriptedExecutor(
      `${stack.server.conductorUrl}/websocket/${owned.app.name}/${owned.apiKey}`,
      { executor_id: executorId, application_version: 'v1' },
      () => ({ output: [] }),
    );
    const registry = stack.server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.isLinked(owned.app.id, executorId), 10_000, 'executor linked');
    return link;
  }

  it('refuses a bad key deep inside a JSON body, before any executor is asked', async () => {
    const link = await connectExecutor('edge-exec');
    try {
      const res = await owned.owner.post(`${owned.base}/workflows/search`, {
        attributes: { nested: [{ 'tenant\ud800': 'acme' }] },
      });
      const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.path)).toEqual(['attributes.nested.0']);
      expect(problem.errors?.[0]?.message).toMatch(/key/);
      expect(link.requests).toEqual([]);
    } finally {
      await link.close();
    }
  });

  it('refuses JSON nested deeper than the limit with a 422 instead of overflowing the stack', async () => {
    const link = await connectExecutor('edge-deep');
    try {
      const res = await fetch(`${stack.server.url}${owned.base}/workflows/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owned.apiKey}`, 'content-type': 'application/json' },
        body: deeplyNested(5_000),
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = ProblemDetailsSchema.parse(await res.json());
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.detail).toMatch(/nested deeper than 64/);
      expect(link.requests).toEqual([]);

      // A sane depth still goes through to the executor.
      const shallow = await fetch(`${stack.server.url}${owned.base}/workflows/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owned.apiKey}`, 'content-type': 'application/json' },
        body: deeplyNested(10),
      });
      expect(shallow.status).toBe(200);
    } finally {
      await link.close();
    }
  });

  it('refuses a NUL in a path parameter, on any route', async () => {
    const res = await owned.owner.get(`/v2/orgs/${owned.orgName}/apps/bad%00name`);
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(['app']);
    expect(problem.detail).toMatch(/path/);
  });

  it('refuses a NUL in a query string, on public routes too', async () => {
    const listed = await owned.owner.get(`/v2/orgs?limit=10&after=x%00`);
    const problem = assertProblem(listed, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(['after']);
    expect(problem.detail).toMatch(/query/);

    const health = await fetch(`${stack.server.url}/healthz?probe=%00`);
    expect(health.status).toBe(422);
  });
});
