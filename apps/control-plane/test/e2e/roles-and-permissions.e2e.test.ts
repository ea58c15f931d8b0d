// DBOS Conductor's permission model end to end: permissions, built-in and custom roles, grants,
// and API keys created by name. Real PostgreSQL and HTTP server; every caller signs in for real.
import type { Role } from '@podium/db';
import {
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  ListAuditLogsResponseSchema,
  ListMembersResponseSchema,
  ListPermissionsResponseSchema,
  ListRolesResponseSchema,
  OrganizationSchema,
  PERMISSIONS,
  RemovedMemberSchema,
  type Permission,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { createCustomRole, grantRole } from './org-roles';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';

interface Player {
  browser: TestBrowser;
  userId: string;
}

describe('roles, permissions and named API keys (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let f: ReturnType<typeof factories>;
  let owner: Player;
  let outsider: Player;
  let org: string;
  let orgId: string;
  let theirs: string;
  const appName = 'ledger';
  let roleCount = 0;

  async function player(): Promise<Player> {
    const browser = new TestBrowser(stack.server.url);
    const { userId } = await signUpAndIn(browser);
    return { browser, userId };
  }

  async function member(role: Role): Promise<Player> {
    const p = await player();
    await f.newMember(orgId, p.userId, role);
    return p;
  }

  /** A custom role of `org` with these permissions, created by the owner; its name. */
  const customRole = (permissions: Permission[]) =>
    createCustomRole(owner.browser, org, `role_${(roleCount += 1)}`, permissions);

  const grantPath = (userId: string, roleName: string, orgName = org) =>
    `/v2/orgs/${orgName}/members/${userId}/roles/${roleName}`;

  const grant = (by: Player, userId: string, roleName: string) =>
    grantRole(by.browser, org, userId, roleName);

  async function auditOf(action: string) {
    return bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/audit-logs?operation=${action}&limit=1000`),
      ListAuditLogsResponseSchema,
    );
  }

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    f = factories(stack.server.app);
    owner = await player();
    outsider = await player();
    org = `perm-${Date.now().toString(36)}`;
    orgId = bodyOf(await owner.browser.post('/v2/orgs', { name: org }), OrganizationSchema, 201).id;
    theirs = `theirs-${Date.now().toString(36)}`;
    bodyOf(await outsider.browser.post('/v2/orgs', { name: theirs }), OrganizationSchema, 201);
    bodyOf(
      await owner.browser.post(`/v2/orgs/${org}/apps`, { name: appName }),
      ApplicationSchema,
      201,
    );
  });

  it('lists the eight DBOS permissions and the built-in roles to any member, nobody else', async () => {
    const viewer = await member('VIEWER');
    const permissions = bodyOf(
      await viewer.browser.get(`/v2/orgs/${org}/permissions`),
      ListPermissionsResponseSchema,
    );
    expect(permissions).toEqual([...PERMISSIONS]);
    const roles = bodyOf(
      await viewer.browser.get(`/v2/orgs/${org}/roles`),
      ListRolesResponseSchema,
    );
    expect(roles.filter((r) => r.isGlobal).map((r) => r.name)).toEqual([
      'OWNER',
      'ADMIN',
      'MEMBER',
      'OPERATOR',
      'VIEWER',
    ]);
    expect(roles.find((r) => r.name === 'VIEWER')?.permissions).toEqual([
      'organization.read',
      'application.read',
      'metric.read',
    ]);
    for (const path of ['permissions', 'roles']) {
      assertProblem(await outsider.browser.get(`/v2/orgs/${org}/${path}`), 404, 'NOT_FOUND');
    }
  });

  it('creates custom roles, validating their name and permissions, and refuses duplicates', async () => {
    const name = await customRole(['application.read', 'metric.read']);
    const listed = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/roles`),
      ListRolesResponseSchema,
    );
    expect(listed.find((r) => r.name === name)).toEqual({
      name,
      permissions: ['application.read', 'metric.read'],
      isGlobal: false,
    });
    const invalid = assertProblem(
      await owner.browser.post(`/v2/orgs/${org}/roles`, { name: 'x!', permissions: ['root'] }),
      422,
      'VALIDATION_FAILED',
    );
    expect(new Set(invalid.errors?.map((e) => e.path))).toEqual(new Set(['name', 'permissions.0']));
    assertProblem(
      await owner.browser.post(`/v2/orgs/${org}/roles`, { name, permissions: [] }),
      409,
      'CONFLICT',
    );
    // Built-in names are reserved in any case.
    assertProblem(
      await owner.browser.post(`/v2/orgs/${org}/roles`, { name: 'viewer' }),
      409,
      'CONFLICT',
    );
    const operator = await member('OPERATOR');
    assertProblem(
      await operator.browser.post(`/v2/orgs/${org}/roles`, { name: 'mine', permissions: [] }),
      403,
      'FORBIDDEN',
    );
    assertProblem(
      await outsider.browser.post(`/v2/orgs/${org}/roles`, { name: 'mine', permissions: [] }),
      404,
      'NOT_FOUND',
    );
    const [created] = await auditOf('role.create');
    expect(created).toMatchObject({
      status: 'failure',
      subject: { id: operator.userId },
      details: { errorCode: 'FORBIDDEN' },
    });
    const ofName = (await auditOf('role.create')).filter((e) => e.target.id === name);
    // The duplicate, then the create.
    expect(ofName.map((e) => e.status)).toEqual(['failure', 'success']);
    expect(ofName[1]).toMatchObject({
      target: { type: 'role', id: name },
      details: { permissions: ['application.read', 'metric.read'] },
    });
  });

  it('limits a member with a custom role to its permissions, from the next request on', async () => {
    const readers = await customRole(['organization.read', 'application.read']);
    const someone = await member('ADMIN');
    expect(await grant(owner, someone.userId, readers)).toBe(204);

    const app = `/v2/orgs/${org}/apps/${appName}`;
    expect((await someone.browser.get(app)).status).toBe(200);
    assertProblem(await someone.browser.patch(app, { description: 'x' }), 403, 'FORBIDDEN');
    assertProblem(await someone.browser.get(`/v2/orgs/${org}/tokens`), 403, 'FORBIDDEN');
    assertProblem(await someone.browser.get(`${app}/metrics`), 403, 'FORBIDDEN');
    const me = bodyOf(await someone.browser.get(`/v2/orgs/${org}`), OrganizationSchema);
    expect(me).toMatchObject({
      role: readers,
      permissions: ['organization.read', 'application.read'],
    });

    const members = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/members`),
      ListMembersResponseSchema,
    );
    expect(members.orgName).toBe(org);
    expect(members.users[someone.userId]).toEqual({
      name: readers,
      permissions: ['organization.read', 'application.read'],
      isGlobal: false,
    });
    expect(members.users[owner.userId]).toMatchObject({ name: 'OWNER', isGlobal: true });
    expect(members.items.find((m) => m.userId === someone.userId)?.role).toBe(readers);

    const [entry] = (await auditOf('role.grant')).filter((e) => e.target.id === someone.userId);
    expect(entry).toMatchObject({ status: 'success', details: { role_name: readers } });
  });

  it('lets only a member who could invite as OPERATOR claim a domain (it admits people so)', async () => {
    const orgWriters = await customRole(['organization.read', 'organization.write']);
    const someone = await member('VIEWER');
    expect(await grant(owner, someone.userId, orgWriters)).toBe(204);
    const refused = assertProblem(
      await someone.browser.post(`/v2/orgs/${org}/domain-claims`, { domain: 'writers.example' }),
      403,
      'FORBIDDEN',
    );
    expect(refused.detail).toBe(
      'A domain claim admits new accounts as OPERATOR, a role you cannot invite people as.',
    );
    const [entry] = (await auditOf('domain_claim.create')).filter(
      (e) => e.target.id === 'writers.example',
    );
    expect(entry).toMatchObject({ status: 'failure' });
  });

  it('lets a granter change only members whose role, old and new, holds no permission the granter lacks; only owners touch the owner role', async () => {
    const managers = await customRole(['organization.read', 'organization.write']);
    const looker = await customRole(['organization.read']);
    const granter = await member('VIEWER');
    expect(await grant(owner, granter.userId, managers)).toBe(204);
    const target = await member('VIEWER');
    // VIEWER holds application.read, which the granter lacks: changing it is as removing it.
    expect(await grant(granter, target.userId, looker)).toBe(403);
    expect(await grant(owner, target.userId, looker)).toBe(204);

    expect(await grant(granter, target.userId, 'OPERATOR')).toBe(403);
    expect(await grant(granter, target.userId, managers)).toBe(204);
    expect(await grant(granter, target.userId, looker)).toBe(204);
    const admin = await member('ADMIN');
    // Demoting an admin (whose keys the demotion revokes) needs every permission it holds.
    const demotion = await granter.browser.put(grantPath(admin.userId, looker));
    assertProblem(demotion, 403, 'FORBIDDEN');
    const members = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/members?limit=500`),
      ListMembersResponseSchema,
    );
    expect(members.users[admin.userId]?.name).toBe('ADMIN');
    expect(await grant(admin, target.userId, 'OWNER')).toBe(403);
    expect(await grant(admin, target.userId, 'OPERATOR')).toBe(204);
    // A role holder without organization.write grants nothing.
    expect(await grant(target, target.userId, 'OPERATOR')).toBe(403);
    // Unknown roles and users are not found; the organization keeps its owner.
    assertProblem(await owner.browser.put(grantPath(target.userId, 'nobody')), 404, 'NOT_FOUND');
    assertProblem(await owner.browser.put(grantPath(outsider.userId, 'VIEWER')), 404, 'NOT_FOUND');
    assertProblem(await owner.browser.put(grantPath(owner.userId, 'ADMIN')), 409, 'CONFLICT');
    assertProblem(
      await owner.browser.put(grantPath(target.userId, 'no-dash')),
      422,
      'VALIDATION_FAILED',
    );
  });

  it('takes a member by DBOS user name, as DBOS Conductor does: the list keys them by it, the member paths take it', async () => {
    const name = `named_${Date.now().toString(36)}`;
    const browser = new TestBrowser(stack.server.url);
    const { userId } = await signUpAndIn(browser, { name });
    await f.newMember(orgId, userId, 'VIEWER');
    const roleOf = async () =>
      bodyOf(
        await owner.browser.get(`/v2/orgs/${org}/members?limit=500`),
        ListMembersResponseSchema,
      ).users[name]?.name;
    expect(await roleOf()).toBe('VIEWER');
    expect(await grant(owner, name, 'OPERATOR')).toBe(204);
    expect(await roleOf()).toBe('OPERATOR');
    // Refused or not, audited under the member's id, whatever the path named them by.
    expect(await grant(await member('ADMIN'), name, 'OWNER')).toBe(403);
    const granted = (await auditOf('role.grant')).filter((e) => e.target.id === userId);
    expect(granted.map((e) => e.status).sort()).toEqual(['failure', 'success']);

    const removed = await owner.browser.delete(`/v2/orgs/${org}/members/${name}`);
    expect(bodyOf(removed, RemovedMemberSchema)).toMatchObject({ id: userId, name });
    assertProblem(await owner.browser.delete(`/v2/orgs/${org}/members/${name}`), 404, 'NOT_FOUND');
  });

  it("grants MEMBER, DBOS's Organization Member: keys and links, not the organization", async () => {
    const joiner = await member('VIEWER');
    expect(await grant(owner, joiner.userId, 'MEMBER')).toBe(204);
    const asMember = bodyOf(await joiner.browser.get(`/v2/orgs/${org}`), OrganizationSchema);
    expect(asMember).toMatchObject({
      role: 'MEMBER',
      permissions: PERMISSIONS.filter((permission) => permission !== 'organization.write'),
    });
    const key = { permissions: ['application.read', 'websocket.connect'] };
    expect((await joiner.browser.post(`/v2/orgs/${org}/tokens/joiner_key`, key)).status).toBe(201);
    expect(await grant(joiner, joiner.userId, 'VIEWER')).toBe(403);
    // A member manager without the key permissions cannot hand it out, but can give OPERATOR.
    const managers = await customRole([
      'organization.read',
      'organization.write',
      'application.read',
      'application.write',
      'metric.read',
    ]);
    const granter = await member('VIEWER');
    expect(await grant(owner, granter.userId, managers)).toBe(204);
    const target = await member('VIEWER');
    expect(await grant(granter, target.userId, 'MEMBER')).toBe(403);
    expect(await grant(granter, target.userId, 'OPERATOR')).toBe(204);
    assertProblem(await owner.browser.delete(`/v2/orgs/${org}/roles/MEMBER`), 409, 'CONFLICT');
    assertProblem(
      await owner.browser.post(`/v2/orgs/${org}/roles`, { name: 'member', permissions: [] }),
      409,
      'CONFLICT',
    );
  });

  it('keeps organizations apart: 404 for their roles, members and grants', async () => {
    const ours = await customRole(['organization.read']);
    const stranger = await member('VIEWER');
    assertProblem(
      await outsider.browser.put(grantPath(stranger.userId, 'VIEWER')),
      404,
      'NOT_FOUND',
    );
    assertProblem(await outsider.browser.delete(`/v2/orgs/${org}/roles/${ours}`), 404, 'NOT_FOUND');
    // Their own organization does not know our role, nor our member.
    assertProblem(
      await outsider.browser.put(grantPath(outsider.userId, ours, theirs)),
      404,
      'NOT_FOUND',
    );
    assertProblem(
      await outsider.browser.put(grantPath(stranger.userId, 'VIEWER', theirs)),
      404,
      'NOT_FOUND',
    );
    assertProblem(
      await owner.browser.put(grantPath(outsider.userId, 'VIEWER', theirs)),
      404,
      'NOT_FOUND',
    );
  });

  it('deletes only custom roles nobody holds', async () => {
    const temporary = await customRole(['metric.read']);
    const holder = await member('VIEWER');
    expect(await grant(owner, holder.userId, temporary)).toBe(204);
    const held = assertProblem(
      await owner.browser.delete(`/v2/orgs/${org}/roles/${temporary}`),
      409,
      'CONFLICT',
    );
    expect(held.detail).toContain('hold');
    assertProblem(await owner.browser.delete(`/v2/orgs/${org}/roles/VIEWER`), 409, 'CONFLICT');
    assertProblem(await owner.browser.delete(`/v2/orgs/${org}/roles/missing`), 404, 'NOT_FOUND');
    const viewer = await member('VIEWER');
    assertProblem(
      await viewer.browser.delete(`/v2/orgs/${org}/roles/${temporary}`),
      403,
      'FORBIDDEN',
    );

    expect(await grant(owner, holder.userId, 'VIEWER')).toBe(204);
    expect((await owner.browser.delete(`/v2/orgs/${org}/roles/${temporary}`)).status).toBe(204);
    const roles = bodyOf(await owner.browser.get(`/v2/orgs/${org}/roles`), ListRolesResponseSchema);
    expect(roles.map((r) => r.name)).not.toContain(temporary);
    const outcomes = (await auditOf('role.delete'))
      .filter((e) => e.target.id === temporary)
      .map((e) => e.status);
    expect(outcomes).toEqual(['success', 'failure', 'failure']);
  });

  it('creates a key by name (DBOS), which reads but cannot write with only application.read', async () => {
    const created = bodyOf(
      await owner.browser.post(`/v2/orgs/${org}/tokens/reader`, {
        appNames: [appName],
        permissions: ['application.read'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    expect(created).toMatchObject({ tokenName: 'reader', permissions: ['application.read'] });
    const app = `/v2/orgs/${org}/apps/${appName}`;
    const machine = new TestBrowser(stack.server.url);
    expect((await machine.get(app, bearer(created.token))).status).toBe(200);
    assertProblem(
      await machine.patch(app, { description: 'x' }, bearer(created.token)),
      403,
      'FORBIDDEN',
    );

    const listed = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/tokens`),
      ListApiKeysResponseSchema,
    );
    const application = bodyOf(await owner.browser.get(app), ApplicationSchema);
    expect(listed.find((k) => k.tokenName === 'reader')).toMatchObject({
      appIds: [application.id],
      permissions: ['application.read'],
      createdAt: created.createdAt,
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    assertProblem(await owner.browser.post(`/v2/orgs/${org}/tokens/reader`, {}), 409, 'CONFLICT');
    assertProblem(
      await owner.browser.post(`/v2/orgs/${org}/tokens/other`, { permissions: ['everything'] }),
      422,
      'VALIDATION_FAILED',
    );
    assertProblem(
      await outsider.browser.post(`/v2/orgs/${org}/tokens/other`, {}),
      404,
      'NOT_FOUND',
    );

    // Revoked by name, at once.
    expect((await owner.browser.delete(`/v2/orgs/${org}/tokens/reader`)).status).toBe(204);
    assertProblem(await machine.get(app, bearer(created.token)), 401, 'UNAUTHENTICATED');
    const creates = await auditOf('token.create');
    expect(creates.map((e) => e.status).slice(0, 2)).toEqual(['failure', 'success']);
    expect(creates[1]).toMatchObject({
      target: { type: 'token', id: created.id },
      details: { permissions: ['application.read'], applications: [appName] },
    });
    const [revoke] = await auditOf('token.revoke');
    expect(revoke).toMatchObject({ status: 'success', target: { type: 'token', id: created.id } });
  });

  it('lets token.read list keys, and only token.write create them', async () => {
    const listers = await customRole(['token.read']);
    const lister = await member('VIEWER');
    expect(await grant(owner, lister.userId, listers)).toBe(204);
    bodyOf(await lister.browser.get(`/v2/orgs/${org}/tokens`), ListApiKeysResponseSchema);
    assertProblem(
      await lister.browser.post(`/v2/orgs/${org}/tokens/mine`, { permissions: [] }),
      403,
      'FORBIDDEN',
    );
  });

  it('gives keys only permissions their creator holds, and revokes them when the creator loses one', async () => {
    const keyMakers = await customRole(['organization.read', 'token.write', 'application.read']);
    const maker = await member('VIEWER');
    expect(await grant(owner, maker.userId, keyMakers)).toBe(204);
    assertProblem(
      await maker.browser.post(`/v2/orgs/${org}/tokens/too-much`, {
        permissions: ['application.read', 'application.write'],
      }),
      403,
      'FORBIDDEN',
    );
    // Absent permissions are all eight: more than this creator holds.
    assertProblem(await maker.browser.post(`/v2/orgs/${org}/tokens/all`, {}), 403, 'FORBIDDEN');
    const key = bodyOf(
      await maker.browser.post(`/v2/orgs/${org}/tokens/made`, {
        permissions: ['application.read'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    const app = `/v2/orgs/${org}/apps/${appName}`;
    expect((await new TestBrowser(stack.server.url).get(app, bearer(key.token))).status).toBe(200);

    // VIEWER holds application.read but not token.write: the key outlived its creator's power.
    expect(await grant(owner, maker.userId, 'VIEWER')).toBe(204);
    assertProblem(
      await new TestBrowser(stack.server.url).get(app, bearer(key.token)),
      401,
      'UNAUTHENTICATED',
    );
  });
});
