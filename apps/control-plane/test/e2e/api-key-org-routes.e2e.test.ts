import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  ApiKeySchema,
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  ListApplicationsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { factories } from '../factories';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';

/**
 * Issue #10: tools written for DBOS Conductor (`dbosctl --auth bearer`) use an API key on every
 * organization route DBOS does not mark `x-dbos-requires-oauth` (keys, permissions, the list of
 * applications), by the route's permission and the key's application scope; the rest stays
 * for signed-in users.
 */
describe("API keys on the organization's routes (PostgreSQL)", () => {
  let scratch: ScratchDatabase;
  let server: RunningControlPlane;
  let admin: TestBrowser;
  let adminId: string;
  const machine = () => new TestBrowser(server.url);
  let org: string;
  let orgId: string;

  const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });
  const tokens = () => `/v2/orgs/${org}/tokens`;

  let made = 0;
  /** A key the admin creates (`POST /tokens`), with these permissions and applications. */
  async function keyWith(permissions: string[], applications: string[] = []) {
    const res = await admin.post(tokens(), {
      name: `made-${(made += 1)}`,
      permissions,
      applications,
    });
    return bodyOf(res, CreateApiKeyResponseSchema, 201);
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
    admin = new TestBrowser(server.url);
    ({ userId: adminId } = await signUpAndIn(admin));
    org = `keyroutes-${Date.now().toString(36)}`;
    orgId = bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201).id;
    for (const name of ['ledger', 'payroll']) {
      bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name }), ApplicationSchema, 201);
    }
  });
  afterAll(async () => {
    await server?.close();
    await scratch?.drop();
  });

  it('lists the keys with token.read (never a secret), and refuses a key without it', async () => {
    const reader = await keyWith(['token.read']);
    const list = bodyOf(
      await machine().get(tokens(), bearer(reader.token)),
      ListApiKeysResponseSchema,
    );
    expect(list.map((k) => k.id)).toContain(reader.id);
    expect(JSON.stringify(list)).not.toContain(reader.token);

    const other = await keyWith(['application.read']);
    const refused = assertProblem(
      await machine().get(tokens(), bearer(other.token)),
      403,
      'FORBIDDEN',
    );
    expect(refused.detail).toContain('token.read');
  });

  it('creates a key by name with token.write that works as a bearer; renames and revokes it, audited under the key', async () => {
    const writer = await keyWith(['token.read', 'token.write', 'application.read'], ['ledger']);
    const created = bodyOf(
      await machine().post(
        `${tokens()}/child`,
        { appNames: ['ledger'], permissions: ['application.read'] },
        bearer(writer.token),
      ),
      CreateApiKeyResponseSchema,
      201,
    );
    // It belongs to the member behind the calling key: their removal or demotion revokes it too.
    expect(created).toMatchObject({
      tokenName: 'child',
      applications: ['ledger'],
      createdById: adminId,
    });

    // The new key works, within what it was given.
    const child = machine();
    bodyOf(
      await child.get(`/v2/orgs/${org}/apps/ledger`, bearer(created.token)),
      ApplicationSchema,
    );
    assertProblem(
      await child.get(`/v2/orgs/${org}/apps/payroll`, bearer(created.token)),
      404,
      'NOT_FOUND',
    );
    const visible = bodyOf(
      await child.get(`/v2/orgs/${org}/apps`, bearer(created.token)),
      ListApplicationsResponseSchema,
    );
    expect(visible.map((a) => a.name)).toEqual(['ledger']);

    const renamed = bodyOf(
      await machine().patch(`${tokens()}/child`, { newName: 'child2' }, bearer(writer.token)),
      ApiKeySchema,
    );
    expect(renamed).toMatchObject({ id: created.id, tokenName: 'child2' });
    expect((await machine().delete(`${tokens()}/child2`, bearer(writer.token))).status).toBe(204);
    assertProblem(
      await child.get(`/v2/orgs/${org}/apps/ledger`, bearer(created.token)),
      401,
      'UNAUTHENTICATED',
    );

    // The audit log names the key that acted.
    const db = server.app.get<Database>(DATABASE).prisma;
    const events = await db.auditEvent.findMany({
      where: { organizationId: orgId, actorApiKeyId: writer.id, outcome: 'SUCCESS' },
    });
    expect(events.map((e) => [e.action, e.targetId])).toEqual(
      expect.arrayContaining([
        ['token.create', created.id],
        ['token.rename', created.id],
        ['token.revoke', created.id],
      ]),
    );
  });

  it('never lets a key create one beyond its own permissions or applications', async () => {
    const writer = await keyWith(['token.write', 'application.read'], ['ledger']);
    const create = (name: string, body: Record<string, unknown>) =>
      machine().post(`${tokens()}/${name}`, body, bearer(writer.token));

    const beyond = await create('wider', {
      appNames: ['ledger'],
      permissions: ['application.write'],
    });
    expect(assertProblem(beyond, 403, 'FORBIDDEN').detail).toContain(
      'permissions its creator holds',
    );
    // Absent permissions are all eight, which this key does not hold.
    assertProblem(await create('all', { appNames: ['ledger'] }), 403, 'FORBIDDEN');
    // Absent applications are all of them: more than its scope.
    const unscoped = await create('unscoped', { permissions: ['application.read'] });
    expect(assertProblem(unscoped, 403, 'FORBIDDEN').detail).toContain('applications');
    // An application outside its scope is unknown to it, as a missing one (never probed).
    const outside = await create('outside', {
      appNames: ['payroll'],
      permissions: ['application.read'],
    });
    assertProblem(outside, 422, 'VALIDATION_FAILED');

    const names = bodyOf(await admin.get(tokens()), ListApiKeysResponseSchema).map(
      (k) => k.tokenName,
    );
    expect(names.filter((n) => ['wider', 'all', 'unscoped', 'outside'].includes(n))).toEqual([]);

    // Revoking needs token.write.
    const reader = await keyWith(['token.read']);
    const refused = await machine().delete(`${tokens()}/${writer.id}`, bearer(reader.token));
    expect(assertProblem(refused, 403, 'FORBIDDEN').detail).toContain('token.write');
  });

  it('keeps keys off the routes DBOS gates behind OAuth, and off Podium-only ones', async () => {
    const everything = await keyWith([
      'organization.read',
      'organization.write',
      'token.read',
      'token.write',
    ]);
    const key = bearer(everything.token);
    const api = machine();
    const userOnly = [
      () => api.get(`/v2/orgs/${org}`, key),
      () => api.get(`/v2/orgs/${org}/members`, key),
      () => api.get(`/v2/orgs/${org}/roles`, key),
      () => api.post(`/v2/orgs/${org}/roles`, { name: 'x', permissions: [] }, key),
      () => api.get(`/v2/orgs/${org}/audit-logs`, key),
      () => api.get(`/v2/orgs/${org}/join-secrets`, key),
      () => api.post(tokens(), { name: 'x', permissions: ['token.read'] }, key),
    ];
    for (const call of userOnly) {
      const problem = assertProblem(await call(), 403, 'FORBIDDEN');
      expect(problem.detail).toContain('signed-in user');
    }
    assertProblem(await api.get('/v2/users/me', key), 403, 'FORBIDDEN');
    // What DBOS does give keys, by permission.
    expect((await api.get(`/v2/orgs/${org}/permissions`, key)).status).toBe(200);
  });

  it("answers another organization's key 404, as for any unknown organization", async () => {
    const f = factories(server.app);
    const elsewhere = await f.newOrg();
    const foreign = await f.newApiKey(elsewhere.id, { permissions: ['token.read', 'token.write'] });
    const api = machine();
    assertProblem(await api.get(tokens(), bearer(foreign.secret)), 404, 'NOT_FOUND');
    assertProblem(
      await api.post(
        `${tokens()}/intruder`,
        { permissions: ['token.read'] },
        bearer(foreign.secret),
      ),
      404,
      'NOT_FOUND',
    );
  });
});
