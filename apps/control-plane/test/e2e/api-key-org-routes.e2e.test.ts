import type { Database } from '@podium/db';
import {
  ApiKeySchema,
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  ListAuditLogsResponseSchema,
  ListApplicationsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS_REFUSED_HERE } from '../../src/common/auth/route-permission';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';
import {
  type RequestOptions,
  TestBrowser,
  assertProblem,
  bodyOf,
  pageOf,
  signUpAndIn,
} from './test-browser';

/**
 * Issue #10: tools written for DBOS Conductor (`dbosctl --auth bearer`) use an API key on every
 * organization route DBOS does not mark `x-dbos-requires-oauth` (keys, permissions, the list of
 * applications), by the route's permission and the key's application scope; the rest stays
 * for signed-in users.
 */
describe("API keys on the organization's routes (PostgreSQL)", () => {
  const stack = usePostgresControlPlane();
  let admin: TestBrowser;
  let adminId: string;
  const machine = () => new TestBrowser(stack.server.url);
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
    admin = new TestBrowser(stack.server.url);
    ({ userId: adminId } = await signUpAndIn(admin));
    org = `keyroutes-${Date.now().toString(36)}`;
    orgId = bodyOf(await admin.post('/v2/orgs', { name: org }), OrganizationSchema, 201).id;
    for (const name of ['ledger', 'payroll']) {
      bodyOf(await admin.post(`/v2/orgs/${org}/apps`, { name }), ApplicationSchema, 201);
    }
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
    const db = stack.server.app.get<Database>(DATABASE).prisma;
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

  it('revokes the keys a key created (and theirs) with it, and audits which', async () => {
    const writer = await keyWith(['token.write', 'application.read']);
    const child = bodyOf(
      await machine().post(
        `${tokens()}/child-${(made += 1)}`,
        { permissions: ['token.write', 'application.read'] },
        bearer(writer.token),
      ),
      CreateApiKeyResponseSchema,
      201,
    );
    const grandchild = bodyOf(
      await machine().post(
        `${tokens()}/grandchild-${(made += 1)}`,
        { permissions: ['application.read'] },
        bearer(child.token),
      ),
      CreateApiKeyResponseSchema,
      201,
    );
    const other = await keyWith(['application.read']);
    const appsWith = (token: string) => machine().get(`/v2/orgs/${org}/apps`, bearer(token));
    expect((await appsWith(grandchild.token)).status).toBe(200);

    expect((await admin.delete(`${tokens()}/${writer.id}`)).status).toBe(204);
    for (const key of [writer, child, grandchild]) {
      assertProblem(await appsWith(key.token), 401, 'UNAUTHENTICATED');
    }
    expect((await appsWith(other.token)).status).toBe(200);
    const [entry] = bodyOf(
      await admin.get(`/v2/orgs/${org}/audit-logs?operation=token.revoke&target=${writer.id}`),
      ListAuditLogsResponseSchema,
    );
    // Oldest first: the child, then the key it created.
    expect(entry?.details).toMatchObject({ keysItCreated: [child.id, grandchild.id] });
  });

  it('gives a key created by an expiring key its expiry, never a later one', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await admin.post(tokens(), {
      name: `expiring-${(made += 1)}`,
      permissions: ['token.write', 'application.read'],
      expiresAt,
    });
    const writer = bodyOf(res, CreateApiKeyResponseSchema, 201);
    const child = bodyOf(
      await machine().post(
        `${tokens()}/child-of-expiring`,
        { permissions: ['application.read'] },
        bearer(writer.token),
      ),
      CreateApiKeyResponseSchema,
      201,
    );
    expect(child.expiresAt).toBe(expiresAt);
    const listed = bodyOf(await admin.get(`${tokens()}?limit=500`), ListApiKeysResponseSchema);
    expect(listed.find((k) => k.id === child.id)?.expiresAt).toBe(expiresAt);
    // The audit entry says the expiry the key got, not the none it asked for.
    const [entry] = bodyOf(
      await admin.get(`/v2/orgs/${org}/audit-logs?operation=token.create&target=${child.id}`),
      ListAuditLogsResponseSchema,
    );
    expect(entry?.details).toMatchObject({ expiresAt });
  });

  it('shows a key limited to some applications only keys within its scope; others are not found, as missing ones', async () => {
    const caller = await keyWith(['token.read', 'token.write', 'application.read'], ['ledger']);
    const within = await keyWith(['application.read'], ['ledger']);
    const outside = {
      payroll: await keyWith(['application.read'], ['payroll']),
      // Partly outside, and every application: neither lies within "ledger".
      both: await keyWith(['application.read'], ['ledger', 'payroll']),
      unscoped: await keyWith(['token.read']),
    };
    const as = bearer(caller.token);

    const page = pageOf(
      await machine().get(`${tokens()}?limit=200`, as),
      ListApiKeysResponseSchema,
    );
    const seen = page.items.map((k) => k.id);
    expect(seen).toEqual(expect.arrayContaining([caller.id, within.id]));
    for (const key of Object.values(outside)) expect(seen).not.toContain(key.id);
    expect(page.total).toBe(page.items.length);
    // Nothing in the listing names an application outside its scope.
    expect(JSON.stringify(page.items)).not.toContain('payroll');

    // Renaming or revoking one outside answers as for a key that does not exist, by name or id.
    const missing = (ref: string) => `No API key ${ref} in "${org}".`;
    for (const key of Object.values(outside)) {
      for (const ref of [key.tokenName, key.id]) {
        const renamed = await machine().patch(`${tokens()}/${ref}`, { newName: 'taken-over' }, as);
        expect(assertProblem(renamed, 404, 'NOT_FOUND').detail).toBe(missing(ref));
        const revoked = await machine().delete(`${tokens()}/${ref}`, as);
        expect(assertProblem(revoked, 404, 'NOT_FOUND').detail).toBe(missing(ref));
      }
    }
    const ghost = await machine().delete(`${tokens()}/no-such-key`, as);
    expect(assertProblem(ghost, 404, 'NOT_FOUND').detail).toBe(missing('no-such-key'));

    // Untouched, and listed as before for the admin and for an unscoped key.
    const listedFor = async (viewer: TestBrowser, options?: RequestOptions) =>
      bodyOf(await viewer.get(`${tokens()}?limit=200`, options), ListApiKeysResponseSchema);
    const unscopedKey = bearer(outside.unscoped.token);
    for (const all of [await listedFor(admin), await listedFor(machine(), unscopedKey)]) {
      for (const key of Object.values(outside)) {
        expect(all.find((k) => k.id === key.id)).toMatchObject({
          tokenName: key.tokenName,
          revokedAt: null,
        });
      }
    }
    // The key within its scope stays the caller's to manage.
    const renamed = bodyOf(
      await machine().patch(`${tokens()}/${within.id}`, { newName: `${within.tokenName}-2` }, as),
      ApiKeySchema,
    );
    expect(renamed).toMatchObject({ id: within.id, applications: ['ledger'] });
    expect((await machine().delete(`${tokens()}/${within.id}`, as)).status).toBe(204);
  });

  it('audits an API key refused on an audited route for signed-in users', async () => {
    const everything = await keyWith(['organization.write', 'token.read', 'token.write']);
    const key = bearer(everything.token);
    const created = await machine().post(tokens(), { name: 'x', permissions: ['token.read'] }, key);
    assertProblem(created, 403, 'FORBIDDEN');
    const renamed = await machine().patch(`/v2/orgs/${org}`, { newName: `${org}-x` }, key);
    assertProblem(renamed, 403, 'FORBIDDEN');

    const db = stack.server.app.get<Database>(DATABASE).prisma;
    const events = await db.auditEvent.findMany({
      where: { organizationId: orgId, actorApiKeyId: everything.id },
      orderBy: { createdAt: 'asc' },
    });
    const refusal: unknown = expect.objectContaining({
      errorCode: 'FORBIDDEN',
      error: API_KEYS_REFUSED_HERE,
    });
    expect(events).toEqual([
      expect.objectContaining({ action: 'token.create', outcome: 'FAILURE', details: refusal }),
      expect.objectContaining({
        action: 'organization.update',
        outcome: 'FAILURE',
        details: refusal,
      }),
    ]);
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
    const f = factories(stack.server.app);
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
