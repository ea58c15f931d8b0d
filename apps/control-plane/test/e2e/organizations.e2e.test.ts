import type { Role } from '@podium/db';
import {
  CreateJoinSecretResponseSchema,
  CurrentUserResponseSchema,
  DOMAIN_CLAIM_ROLE,
  DomainClaimSchema,
  GENERATED_JOIN_SECRET_ROLE,
  GenerateJoinSecretResponseSchema,
  ListDomainClaimsResponseSchema,
  ListJoinSecretsResponseSchema,
  ListMembersResponseSchema,
  ListOrganizationsResponseSchema,
  MemberSchema,
  OrganizationSchema,
  PERMISSIONS,
  RemovedMemberSchema,
} from '@podium/protocol';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/modules/openapi/openapi.service';
import { fillPath } from '../../src/common/routes/route-spec';
import { factories } from '../factories';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, pageOf, assertProblem, signUpAndIn } from './test-browser';

interface Player {
  browser: TestBrowser;
  userId: string;
}

describe('organizations, members and join secrets (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let server: RunningControlPlane;
  let f: ReturnType<typeof factories>;
  let org: string;
  const players = {} as Record<'owner' | 'admin' | 'operator' | 'viewer' | 'outsider', Player>;
  let orgId: string;

  async function player(): Promise<Player> {
    const browser = new TestBrowser(server.url);
    const { userId } = await signUpAndIn(browser);
    return { browser, userId };
  }

  async function member(role: Role): Promise<Player> {
    const p = await player();
    await f.newMember(orgId, p.userId, role);
    return p;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    // Sign-up emails verified upstream: domain claims admit (the next suite has them unverified).
    server = await startTestControlPlane(
      { kind: 'postgres', url: scratch.url },
      { accounts: { trustSignUpEmails: true } },
    );
    f = factories(server.app);
    players.owner = await player();
    org = `acme-${Date.now().toString(36)}`;
    orgId = bodyOf(
      await players.owner.browser.post('/v2/orgs', { name: org, displayName: 'Acme' }),
      OrganizationSchema,
      201,
    ).id;
    players.admin = await member('ADMIN');
    players.operator = await member('OPERATOR');
    players.viewer = await member('VIEWER');
    players.outsider = await player();
  });
  afterAll(async () => {
    await server?.close();
    await scratch?.drop();
  });

  it('makes the creator the owner and lists the organization as theirs', async () => {
    const { owner } = players;
    const one = bodyOf(await owner.browser.get(`/v2/orgs/${org}`), OrganizationSchema);
    expect(one).toMatchObject({ id: orgId, name: org, displayName: 'Acme', role: 'OWNER' });
    const mine = pageOf(await owner.browser.get('/v2/orgs'), ListOrganizationsResponseSchema);
    expect(mine).toMatchObject({ items: [one], total: 1, limit: 50, offset: 0 });
    const me = bodyOf(await owner.browser.get('/v2/users/me'), CurrentUserResponseSchema);
    expect(me.organizations).toEqual([
      { id: orgId, name: org, displayName: 'Acme', role: 'OWNER', permissions: [...PERMISSIONS] },
    ]);
    // DBOS Conductor's profile: one organization, the oldest membership's.
    // No DBOS user name given at sign-up: the id, which the member paths take (never the
    // display name, which may be someone else's user name).
    expect(me).toMatchObject({
      name: me.user.id,
      email: me.user.email,
      orgId,
      orgName: org,
      role: { name: 'OWNER', isGlobal: true, permissions: [...PERMISSIONS] },
      subscriptionPlan: 'team',
      createdAt: me.user.createdAt,
    });
    expect(me).not.toHaveProperty('isDbosAdmin');
    const viewerView = bodyOf(
      await players.viewer.browser.get(`/v2/orgs/${org}`),
      OrganizationSchema,
    );
    expect(viewerView.role).toBe('VIEWER');
  });

  it('refuses a taken organization name (CONFLICT) and a malformed one (VALIDATION_FAILED)', async () => {
    assertProblem(await players.outsider.browser.post('/v2/orgs', { name: org }), 409, 'CONFLICT');
    const bad = assertProblem(
      await players.outsider.browser.post('/v2/orgs', { name: '-Bad Name-' }),
      422,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.[0]?.path).toBe('name');
    // Every DBOS Conductor organization name ([a-z0-9_], 3-30) is one here too.
    const dbosName = `acme_${Date.now().toString(36)}_`;
    const dbosStyle = await players.outsider.browser.post('/v2/orgs', { name: dbosName });
    expect(bodyOf(dbosStyle, OrganizationSchema, 201).name).toBe(dbosName);
    expect((await players.outsider.browser.get(`/v2/orgs/${dbosName}`)).status).toBe(200);
    for (const name of ['-acme', 'acme-', 'a'.repeat(41)]) {
      assertProblem(
        await players.outsider.browser.post('/v2/orgs', { name }),
        422,
        'VALIDATION_FAILED',
      );
    }
  });

  it('lists members with their roles to any member', async () => {
    const page = bodyOf(
      await players.viewer.browser.get(`/v2/orgs/${org}/members?limit=2`),
      ListMembersResponseSchema,
    );
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items).toHaveLength(2);
    expect(page.nextOffset).toBe(2);
    expect(page.items[0]).toMatchObject({ userId: players.owner.userId, role: 'OWNER' });
  });

  it('lets admins change roles, but only owners grant or touch the owner role', async () => {
    const target = await member('VIEWER');
    const path = `/v2/orgs/${org}/members/${target.userId}`;
    const changed = bodyOf(
      await players.admin.browser.patch(path, { role: 'OPERATOR' }),
      MemberSchema,
    );
    expect(changed.role).toBe('OPERATOR');
    assertProblem(await players.admin.browser.patch(path, { role: 'OWNER' }), 403, 'FORBIDDEN');
    assertProblem(
      await players.admin.browser.patch(`/v2/orgs/${org}/members/${players.owner.userId}`, {
        role: 'VIEWER',
      }),
      403,
      'FORBIDDEN',
    );
    assertProblem(await players.operator.browser.patch(path, { role: 'VIEWER' }), 403, 'FORBIDDEN');
  });

  it('never leaves an organization without an owner', async () => {
    const { owner } = players;
    const self = `/v2/orgs/${org}/members/${owner.userId}`;
    assertProblem(await owner.browser.patch(self, { role: 'ADMIN' }), 409, 'CONFLICT');
    assertProblem(await owner.browser.delete(self), 409, 'CONFLICT');

    // With a second owner, the first may step down.
    const coOwner = await member('VIEWER');
    bodyOf(
      await owner.browser.patch(`/v2/orgs/${org}/members/${coOwner.userId}`, { role: 'OWNER' }),
      MemberSchema,
    );
    bodyOf(await owner.browser.patch(self, { role: 'ADMIN' }), MemberSchema);
    bodyOf(await coOwner.browser.patch(self, { role: 'OWNER' }), MemberSchema);
    const removed = bodyOf(
      await owner.browser.delete(`/v2/orgs/${org}/members/${coOwner.userId}`),
      RemovedMemberSchema,
    );
    // DBOS Conductor's Member: who was removed.
    expect(removed.email).toMatch(/@example\.com$/);
    expect(removed).toEqual({
      id: coOwner.userId,
      orgId,
      email: removed.email,
      name: coOwner.userId,
      givenName: '',
      familyName: '',
      company: '',
    });
  });

  it('lets any member leave, but only admins remove others', async () => {
    const leaver = await member('VIEWER');
    const other = await member('VIEWER');
    assertProblem(
      await leaver.browser.delete(`/v2/orgs/${org}/members/${other.userId}`),
      403,
      'FORBIDDEN',
    );
    expect((await leaver.browser.delete(`/v2/orgs/${org}/members/${leaver.userId}`)).status).toBe(
      200,
    );
    assertProblem(await leaver.browser.get(`/v2/orgs/${org}`), 404, 'NOT_FOUND');
    expect(
      (await players.admin.browser.delete(`/v2/orgs/${org}/members/${other.userId}`)).status,
    ).toBe(200);
  });

  it('invites with a join secret: shown once, stored hashed, limited in uses, revocable', async () => {
    const { admin } = players;
    const created = bodyOf(
      await admin.browser.post(`/v2/orgs/${org}/join-secrets`, { role: 'OPERATOR', maxUses: 1 }),
      CreateJoinSecretResponseSchema,
      201,
    );
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    const listed = bodyOf(
      await admin.browser.get(`/v2/orgs/${org}/join-secrets`),
      ListJoinSecretsResponseSchema,
    );
    expect(listed.find((s) => s.id === created.id)).toMatchObject({ uses: 0, maxUses: 1 });
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const joiner = await player();
    const joined = bodyOf(
      await joiner.browser.post('/v2/join', { secret: created.secret }),
      OrganizationSchema,
    );
    expect(joined).toMatchObject({ id: orgId, role: 'OPERATOR' });
    assertProblem(
      await joiner.browser.post('/v2/join', { secret: created.secret }),
      409,
      'CONFLICT',
    );
    const late = await player();
    assertProblem(
      await late.browser.post('/v2/join', { secret: created.secret }),
      404,
      'NOT_FOUND',
    );

    const revocable = bodyOf(
      await admin.browser.post(`/v2/orgs/${org}/join-secrets`, { role: 'VIEWER', maxUses: 5 }),
      CreateJoinSecretResponseSchema,
      201,
    );
    const revoked = await admin.browser.delete(`/v2/orgs/${org}/join-secrets/${revocable.id}`);
    expect(revoked.status).toBe(204);
    assertProblem(
      await late.browser.post('/v2/join', { secret: revocable.secret }),
      404,
      'NOT_FOUND',
    );
    assertProblem(await late.browser.post('/v2/join', { secret: 'pjs_guess' }), 404, 'NOT_FOUND');
  });

  it("also invites DBOS Conductor's way: a generated single-use secret redeemed under the organization's path", async () => {
    const generated = await players.admin.browser.post(`/v2/orgs/${org}/secrets`);
    const { secret } = bodyOf(generated, GenerateJoinSecretResponseSchema, 201);
    expect(Object.keys(generated.body as object)).toEqual(['secret']);
    assertProblem(await players.operator.browser.post(`/v2/orgs/${org}/secrets`), 403, 'FORBIDDEN');

    const joiner = await player();
    const elsewhere = `elsewhere-${Date.now().toString(36)}`;
    await players.outsider.browser.post('/v2/orgs', { name: elsewhere });
    // A secret redeems only under its own organization's name, and an unknown name says nothing.
    for (const name of [elsewhere, `no-such-org-${Date.now()}`]) {
      assertProblem(
        await joiner.browser.post(`/v2/orgs/${name}/join`, { secret }),
        404,
        'NOT_FOUND',
      );
    }
    expect((await joiner.browser.post(`/v2/orgs/${org}/join`, { secret })).status).toBe(204);
    const joined = bodyOf(await joiner.browser.get(`/v2/orgs/${org}`), OrganizationSchema);
    expect(joined).toMatchObject({ id: orgId, role: GENERATED_JOIN_SECRET_ROLE });
    const late = await player();
    assertProblem(await late.browser.post(`/v2/orgs/${org}/join`, { secret }), 404, 'NOT_FOUND');
  });

  it('claims an email domain: new accounts there join at sign-up, others and old ones do not', async () => {
    const domain = `${org.replace(/_/g, '-')}.example`;
    const claimed = await players.admin.browser.post(`/v2/orgs/${org}/domain-claims`, {
      domain: domain.toUpperCase(),
    });
    expect(bodyOf(claimed, DomainClaimSchema, 201)).toMatchObject({
      orgName: org,
      domain,
      status: 'approved',
      requestedBy: players.admin.userId,
    });
    const listed = bodyOf(
      await players.admin.browser.get(`/v2/orgs/${org}/domain-claims`),
      ListDomainClaimsResponseSchema,
    );
    expect(listed.claims.map((c) => c.domain)).toEqual([domain]);
    // One organization per domain; admins only; a domain must look like one.
    const theirs = `claims-${Date.now().toString(36)}`;
    await players.outsider.browser.post('/v2/orgs', { name: theirs });
    assertProblem(
      await players.outsider.browser.post(`/v2/orgs/${theirs}/domain-claims`, { domain }),
      409,
      'CONFLICT',
    );
    assertProblem(
      await players.operator.browser.post(`/v2/orgs/${org}/domain-claims`, { domain: 'x.example' }),
      403,
      'FORBIDDEN',
    );
    assertProblem(
      await players.admin.browser.post(`/v2/orgs/${org}/domain-claims`, { domain: 'no spaces' }),
      422,
      'VALIDATION_FAILED',
    );

    const newcomer = new TestBrowser(server.url);
    await signUpAndIn(newcomer, { email: `new-${Date.now()}@${domain}` });
    const joined = bodyOf(await newcomer.get(`/v2/orgs/${org}`), OrganizationSchema);
    expect(joined).toMatchObject({ id: orgId, role: DOMAIN_CLAIM_ROLE });
    const elsewhere = new TestBrowser(server.url);
    await signUpAndIn(elsewhere, { email: `new-${Date.now()}@sub.${domain}` });
    assertProblem(await elsewhere.get(`/v2/orgs/${org}`), 404, 'NOT_FOUND');

    expect(
      (await players.admin.browser.delete(`/v2/orgs/${org}/domain-claims/${domain}`)).status,
    ).toBe(204);
    assertProblem(
      await players.admin.browser.delete(`/v2/orgs/${org}/domain-claims/${domain}`),
      404,
      'NOT_FOUND',
    );
    // Releasing removes nobody; later sign-ups at the domain join nothing.
    expect((await newcomer.get(`/v2/orgs/${org}`)).status).toBe(200);
    const late = new TestBrowser(server.url);
    await signUpAndIn(late, { email: `late-${Date.now()}@${domain}` });
    assertProblem(await late.get(`/v2/orgs/${org}`), 404, 'NOT_FOUND');
  });

  it('refuses join secrets above the creator’s role, in the past, or by non-admins', async () => {
    assertProblem(
      await players.admin.browser.post(`/v2/orgs/${org}/join-secrets`, { role: 'OWNER' }),
      403,
      'FORBIDDEN',
    );
    const past = assertProblem(
      await players.admin.browser.post(`/v2/orgs/${org}/join-secrets`, {
        role: 'VIEWER',
        expiresAt: '2001-01-01T00:00:00Z',
      }),
      422,
      'VALIDATION_FAILED',
    );
    expect(past.errors).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
    assertProblem(
      await players.operator.browser.post(`/v2/orgs/${org}/join-secrets`, { role: 'VIEWER' }),
      403,
      'FORBIDDEN',
    );
  });

  it('answers NOT_FOUND to outsiders on every organization route, and for foreign ids', async () => {
    const { outsider, admin } = players;
    const secret = bodyOf(
      await admin.browser.post(`/v2/orgs/${org}/join-secrets`, { role: 'VIEWER' }),
      CreateJoinSecretResponseSchema,
      201,
    );
    // Every route under an organization, from the API description (ids and bodies are never
    // reached: the guard refuses first).
    const routes = API_ROUTES.filter((r) => r.path.includes('{org}'));
    expect(routes.length).toBeGreaterThanOrEqual(35);
    for (const route of routes) {
      const path = fillPath(route.path, { org, id: secret.id, userId: players.viewer.userId });
      const json = route.method === 'post' || route.method === 'patch' ? {} : undefined;
      const res = await outsider.browser.request(route.method.toUpperCase(), path, { json });
      expect(res.status, route.operationId).toBe(404);
      assertProblem(res, 404, 'NOT_FOUND');
    }
    assertProblem(
      await outsider.browser.get(`/v2/orgs/no-such-org-${Date.now()}`),
      404,
      'NOT_FOUND',
    );

    // The outsider's own organization does not reach ours by id either.
    const theirs = `theirs-${Date.now().toString(36)}`;
    await outsider.browser.post('/v2/orgs', { name: theirs });
    assertProblem(
      await outsider.browser.patch(`/v2/orgs/${theirs}/members/${players.viewer.userId}`, {
        role: 'ADMIN',
      }),
      404,
      'NOT_FOUND',
    );
    assertProblem(
      await outsider.browser.delete(`/v2/orgs/${theirs}/join-secrets/${secret.id}`),
      404,
      'NOT_FOUND',
    );
    const viewer = bodyOf(await players.viewer.browser.get(`/v2/orgs/${org}`), OrganizationSchema);
    expect(viewer.role).toBe('VIEWER');
  });
});

describe('domain claims where sign-up emails are not verified (the default)', () => {
  let scratch: ScratchDatabase;
  let server: RunningControlPlane;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
  });
  afterAll(async () => {
    await server?.close();
    await scratch?.drop();
  });

  it('records a claim as pending, saying why, and admits nobody at the domain', async () => {
    const owner = new TestBrowser(server.url);
    await signUpAndIn(owner);
    const org = `unverified-${Date.now().toString(36)}`;
    await owner.post('/v2/orgs', { name: org });
    const domain = `${org}.example`;
    const claimed = bodyOf(
      await owner.post(`/v2/orgs/${org}/domain-claims`, { domain }),
      DomainClaimSchema,
      201,
    );
    expect(claimed).toMatchObject({ domain, status: 'pending' });
    expect(claimed.decisionNote).toContain('PODIUM_TRUST_SIGN_UP_EMAILS');
    expect(claimed.decidedAt).toBeUndefined();
    const listed = bodyOf(
      await owner.get(`/v2/orgs/${org}/domain-claims`),
      ListDomainClaimsResponseSchema,
    );
    expect(listed.claims.map((c) => c.status)).toEqual(['pending']);

    // Anyone could sign up with an address there: it must not make them a member.
    const impostor = new TestBrowser(server.url);
    await signUpAndIn(impostor, { email: `ceo@${domain}` });
    assertProblem(await impostor.get(`/v2/orgs/${org}`), 404, 'NOT_FOUND');
  });
});
