import { randomUUID } from 'node:crypto';
import {
  ApiKeySchema,
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  ListApplicationsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, assertProblem, signUpAndIn } from './test-browser';

describe('applications and API keys over HTTP (PostgreSQL)', () => {
  let server: RunningControlPlane;
  let admin: TestBrowser;
  let viewer: TestBrowser;
  let outsider: TestBrowser;
  let org: string;

  const wsUrl = (appName: string, key: string) =>
    `${server.conductorUrl}/websocket/${appName}/${key}`;
  const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

  async function createApp(name: string) {
    return bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name }), ApplicationSchema, 201);
  }

  // Names are unique among an organization's live keys.
  let keys = 0;
  async function createKey(body: Record<string, unknown> = {}) {
    const res = await admin.post(`/v2/orgs/${org}/tokens`, {
      name: `ci-${(keys += 1)}`,
      permissions: ['websocket.connect', 'application.read'],
      ...body,
    });
    return bodyOf(res, CreateApiKeyResponseSchema, 201);
  }
  const createKeyRaw = (body: Record<string, unknown>) =>
    admin.post(`/v2/orgs/${org}/tokens`, { permissions: ['application.read'], ...body });

  // Pings an hour apart: a revoked key's link closes within the test only if the revocation
  // is pushed to it, not found at a later ping.
  const stack = usePostgresControlPlane({ executors: { pingIntervalMs: 60 * 60_000 } });

  beforeAll(async () => {
    server = stack.server;
    const f = factories(server.app);
    admin = new TestBrowser(server.url);
    viewer = new TestBrowser(server.url);
    outsider = new TestBrowser(server.url);
    await signUpAndIn(admin);
    const { userId } = await signUpAndIn(viewer);
    await signUpAndIn(outsider);
    org = `keys-${Date.now().toString(36)}`;
    const { id } = bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201);
    await f.newMember(id, userId, 'VIEWER');
  });

  it('registers, lists, reads, updates and deletes applications', async () => {
    const created = await createApp('billing');
    expect(created).toMatchObject({
      name: 'billing',
      description: '',
      executorTimeoutSecs: 60,
      privateMode: false,
      gcTimeThresholdMs: null,
    });
    assertProblem(await admin.post(`/v2/orgs/${org}/apps`, { name: 'billing' }), 409, 'CONFLICT');

    const list = bodyOf(await viewer.get(`/v2/orgs/${org}/apps`), ListApplicationsResponseSchema);
    expect(list.find((a) => a.name === 'billing')).toMatchObject({
      status: 'UNAVAILABLE',
      language: null,
      dbosCloud: false,
    });
    expect(bodyOf(await viewer.get(`/v2/orgs/${org}/apps/billing`), ApplicationSchema)).toEqual(
      created,
    );

    const patched = await admin.patch(`/v2/orgs/${org}/apps/billing`, {
      description: 'Invoices',
      executorTimeoutSecs: 300,
    });
    expect(patched.status).toBe(204);
    const updated = bodyOf(await viewer.get(`/v2/orgs/${org}/apps/billing`), ApplicationSchema);
    expect(updated).toMatchObject({ description: 'Invoices', executorTimeoutSecs: 300 });
    assertProblem(
      await viewer.patch(`/v2/orgs/${org}/apps/billing`, { description: 'x' }),
      403,
      'FORBIDDEN',
    );

    expect((await admin.delete(`/v2/orgs/${org}/apps/billing`)).status).toBe(204);
    assertProblem(await admin.get(`/v2/orgs/${org}/apps/billing`), 404, 'NOT_FOUND');
  });

  it('validates application names and settings, listing each problem', async () => {
    const res = await admin.post(`/v2/orgs/${org}/apps`, {
      name: 'No Spaces!',
      executorTimeoutSecs: 4,
    });
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['executorTimeoutSecs', 'name']);
    assertProblem(
      await admin.post(`/v2/orgs/${org}/apps`, { name: 'ab' }),
      422,
      'VALIDATION_FAILED',
    );
    await createApp('settings-app');
    assertProblem(
      await admin.patch(`/v2/orgs/${org}/apps/settings-app`, {
        executorTimeoutSecs: 86_401,
      }),
      422,
      'VALIDATION_FAILED',
    );
    assertProblem(
      await admin.patch(`/v2/orgs/${org}/apps/settings-app`, {}),
      422,
      'VALIDATION_FAILED',
    );
  });

  it('lets only admins create keys: a viewer is FORBIDDEN', async () => {
    const res = await viewer.post(`/v2/orgs/${org}/tokens`, {
      name: 'sneaky',
      permissions: ['application.read'],
    });
    assertProblem(res, 403, 'FORBIDDEN');
    assertProblem(await viewer.get(`/v2/orgs/${org}/tokens`), 403, 'FORBIDDEN');
  });

  it('shows the secret once; lists never carry it (or its hash)', async () => {
    const created = await createKey({ name: 'listed' });
    expect(created.token.startsWith(`${created.prefix}_`)).toBe(true);
    const list = bodyOf(await admin.get(`/v2/orgs/${org}/tokens`), ListApiKeysResponseSchema);
    const listed = list.find((k) => k.id === created.id);
    const { token: _secret, ...withoutSecret } = created;
    expect(listed).toEqual(withoutSecret);
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(JSON.stringify(list)).not.toMatch(/hash/i);
  });

  it('authenticates a key as Bearer and as an executor, then revocation closes the link', async () => {
    const app = await createApp(`exec-${Date.now().toString(36)}`);
    const key = await createKey({ name: 'executor', applications: [app.name] });

    const asBearer = bodyOf(
      await new TestBrowser(server.url).get(`/v2/orgs/${org}/apps/${app.name}`, bearer(key.token)),
      ApplicationSchema,
    );
    expect(asBearer.id).toBe(app.id);
    const result = await connectExecutor(wsUrl(app.name, key.token), {
      executor_id: `exec-${randomUUID()}`,
      application_version: 'v1',
    });
    if (!('ws' in result)) throw new Error(`refused: ${result.refused} ${result.body}`);
    const linkClosed = closed(result.ws);

    expect((await admin.delete(`/v2/orgs/${org}/tokens/${key.id}`)).status).toBe(204);
    // Pushed at revocation: no ping comes in this test and no request goes over the link.
    expect(await linkClosed).toBe(4001);

    assertProblem(
      await new TestBrowser(server.url).get(`/v2/orgs/${org}/apps/${app.name}`, bearer(key.token)),
      401,
      'UNAUTHENTICATED',
    );
    const list = bodyOf(await admin.get(`/v2/orgs/${org}/tokens`), ListApiKeysResponseSchema);
    const revoked = list.find((k) => k.id === key.id);
    expect(revoked?.revokedAt).not.toBeNull();
    expect(revoked?.lastUsedAt).not.toBeNull();
    // Revoking again is harmless.
    expect((await admin.delete(`/v2/orgs/${org}/tokens/${key.id}`)).status).toBe(204);
  });

  it('renames a key, by id or by name, keeping names unique among live keys', async () => {
    const key = await createKey({ name: 'old name' });
    const renamed = bodyOf(
      await admin.patch(`/v2/orgs/${org}/tokens/${key.id}`, { newName: 'new name' }),
      ApiKeySchema,
    );
    expect(renamed).toMatchObject({ id: key.id, tokenName: 'new name', prefix: key.prefix });
    const again = bodyOf(
      await admin.patch(`/v2/orgs/${org}/tokens/new%20name`, { newName: 'newer' }),
      ApiKeySchema,
    );
    expect(again).toMatchObject({ id: key.id, tokenName: 'newer' });
    await createKey({ name: 'taken' });
    assertProblem(
      await admin.patch(`/v2/orgs/${org}/tokens/newer`, { newName: 'taken' }),
      409,
      'CONFLICT',
    );
    assertProblem(await createKeyRaw({ name: 'taken' }), 409, 'CONFLICT');
  });

  it('refuses unknown applications and past expiries, each as its own problem', async () => {
    await createApp('known-app');
    const res = await admin.post(`/v2/orgs/${org}/tokens`, {
      name: 'scoped',
      permissions: ['application.read'],
      applications: ['known-app', 'ghost-app'],
    });
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      { path: 'applications.1', message: 'no application named "ghost-app"' },
    ]);
    const past = assertProblem(
      await admin.post(`/v2/orgs/${org}/tokens`, {
        name: 'past',
        permissions: ['application.read'],
        expiresAt: '2020-01-01T00:00:00Z',
      }),
      422,
      'VALIDATION_FAILED',
    );
    expect(past.errors?.[0]?.path).toBe('expiresAt');
    const noPermissions = assertProblem(
      await admin.post(`/v2/orgs/${org}/tokens`, { name: '', permissions: ['root'] }),
      422,
      'VALIDATION_FAILED',
    );
    expect(noPermissions.errors?.map((e) => e.path).sort()).toEqual(['name', 'permissions.0']);
  });

  it('revokes a key whose only application is deleted (it must not become org-wide)', async () => {
    const app = await createApp(`gone-${Date.now().toString(36)}`);
    const key = await createKey({ applications: [app.name] });
    expect((await admin.delete(`/v2/orgs/${org}/apps/${app.name}`)).status).toBe(204);
    assertProblem(
      await new TestBrowser(server.url).get(`/v2/orgs/${org}`, bearer(key.token)),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('revokes a key whose two applications are deleted at the same moment', async () => {
    // Each delete once saw the other application still scoping the key, so neither revoked it
    // and the key ended with no scope: every application. Several rounds, as it is a race.
    for (let round = 0; round < 6; round += 1) {
      const suffix = `${round}-${Date.now().toString(36)}`;
      const [first, second] = [
        await createApp(`pair-a-${suffix}`),
        await createApp(`pair-b-${suffix}`),
      ];
      const key = await createKey({ applications: [first.name, second.name] });
      const deletes = await Promise.all(
        [first, second].map((app) => admin.delete(`/v2/orgs/${org}/apps/${app.name}`)),
      );
      expect(deletes.map((res) => res.status)).toEqual([204, 204]);
      assertProblem(
        await new TestBrowser(server.url).get(`/v2/orgs/${org}/apps`, bearer(key.token)),
        401,
        'UNAUTHENTICATED',
      );
    }
  });

  it('answers NOT_FOUND to outsiders, and for another organization’s key ids', async () => {
    const app = await createApp(`private-${Date.now().toString(36)}`);
    const key = await createKey();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/v2/orgs/${org}/apps`],
      ['POST', `/v2/orgs/${org}/apps`, { name: 'intruder' }],
      ['GET', `/v2/orgs/${org}/apps/${app.name}`],
      ['PATCH', `/v2/orgs/${org}/apps/${app.name}`, { description: 'mine now' }],
      ['DELETE', `/v2/orgs/${org}/apps/${app.name}`],
      ['GET', `/v2/orgs/${org}/tokens`],
      ['POST', `/v2/orgs/${org}/tokens`, { name: 'x', permissions: ['application.read'] }],
      ['PATCH', `/v2/orgs/${org}/tokens/${key.id}`, { newName: 'stolen' }],
      ['POST', `/v2/orgs/${org}/tokens/stolen`, {}],
      ['DELETE', `/v2/orgs/${org}/tokens/${key.id}`],
    ];
    for (const [method, path, json] of routes) {
      assertProblem(await outsider.request(method, path, { json }), 404, 'NOT_FOUND');
    }
    const theirs = `theirs-${Date.now().toString(36)}`;
    await outsider.post('/v2/orgs', { name: theirs });
    assertProblem(await outsider.delete(`/v2/orgs/${theirs}/tokens/${key.id}`), 404, 'NOT_FOUND');
    assertProblem(
      await outsider.patch(`/v2/orgs/${theirs}/tokens/${key.id}`, { newName: 'stolen' }),
      404,
      'NOT_FOUND',
    );
    // A key of our organization cannot see theirs.
    assertProblem(
      await new TestBrowser(server.url).get(`/v2/orgs/${theirs}`, bearer(key.token)),
      404,
      'NOT_FOUND',
    );
    const list = bodyOf(await admin.get(`/v2/orgs/${org}/tokens`), ListApiKeysResponseSchema);
    expect(list.find((k) => k.id === key.id)?.revokedAt).toBeNull();
  });
});
