// A credential stays valid only while its creator could still create it: a removed (or
// demoted) admin must not walk back in with a join secret they made, nor keep an executor
// connected with their key. All real: PostgreSQL, the HTTP server, executor WebSockets.
import { randomUUID } from 'node:crypto';
import type { Role } from '@podium/db';
import {
  type Permission,
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  CreateJoinSecretResponseSchema,
  ListApiKeysResponseSchema,
  ListAuditLogsResponseSchema,
  ListExecutorsResponseSchema,
  ListJoinSecretsResponseSchema,
  OrganizationSchema,
  RevokedCredentialsSchema,
  UpdateMemberResponseSchema,
} from '@podium/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_ACCESS_REVOKED } from '../../src/modules/executors/links/executor-links.service';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { createCustomRole, grantRole } from './org-roles';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

/** Only a hang guard: every wait below ends on an event or a condition. */
const HANG_GUARD_MS = 20_000;

interface Player {
  browser: TestBrowser;
  userId: string;
}

describe('credentials of removed and demoted members (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let f: ReturnType<typeof factories>;
  let owner: Player;
  let org: string;
  let orgId: string;
  let appName: string;
  /** The owner's own key: nobody's removal or demotion may touch it. */
  let ownerKey: string;

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

  async function createJoinSecret(creator: Player, role: Role, maxUses: number) {
    const res = await creator.browser.post(`/v2/orgs/${org}/join-secrets`, { role, maxUses });
    return bodyOf(res, CreateJoinSecretResponseSchema, 201);
  }

  async function createApiKey(creator: Player, name: string, permissions: Permission[]) {
    const res = await creator.browser.post(`/v2/orgs/${org}/tokens`, { name, permissions });
    return bodyOf(res, CreateApiKeyResponseSchema, 201);
  }

  /** The status a fresh account (or `who`) gets when redeeming `secret`. */
  async function joinWith(secret: string, who?: Player): Promise<number> {
    const joiner = who ?? (await player());
    return (await joiner.browser.post('/v2/join', { secret })).status;
  }

  /** The status of reading the application with `secret` as a Bearer token. */
  async function readAppWith(secret: string): Promise<number> {
    const res = await new TestBrowser(stack.server.url).get(`/v2/orgs/${org}/apps/${appName}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    return res.status;
  }

  const path = (userId: string) => `/v2/orgs/${org}/members/${userId}`;

  async function auditEntryOf(action: string, target: string) {
    const query = `operation=${action}&target=${target}`;
    const page = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/audit-logs?${query}`),
      ListAuditLogsResponseSchema,
    );
    expect(page).toHaveLength(1);
    return page[0]!;
  }

  beforeAll(async () => {
    f = factories(stack.server.app);
    owner = await player();
    org = `creds-${Date.now().toString(36)}`;
    orgId = bodyOf(await owner.browser.post('/v2/orgs', { name: org }), OrganizationSchema, 201).id;
    appName = bodyOf(
      await owner.browser.post(`/v2/orgs/${org}/apps`, { name: 'shop' }),
      ApplicationSchema,
      201,
    ).name;
    ownerKey = (await createApiKey(owner, 'owner key', ['application.read'])).token;
  });

  it('revokes what a removed admin created: a 1,000-use ADMIN join secret, a key and its executor link', async () => {
    const admin = await member('ADMIN');
    const joinSecret = await createJoinSecret(admin, 'ADMIN', 1000);
    const apiKey = await createApiKey(admin, 'shop executors', [
      'websocket.connect',
      'application.read',
    ]);
    // Both work while their creator is an admin.
    expect(await joinWith(joinSecret.secret)).toBe(200);
    expect(await readAppWith(apiKey.token)).toBe(200);
    const executorId = `exec-${randomUUID()}`;
    const link = await connectExecutor(
      `${stack.server.conductorUrl}/websocket/${appName}/${apiKey.token}`,
      { executor_id: executorId, application_version: 'v1' },
    );
    if (!('ws' in link)) throw new Error(`refused: ${link.refused} ${link.body}`);
    const linkClosed = closed(link.ws);
    await waitUntil(
      async () => {
        const executors = bodyOf(
          await owner.browser.get(`/v2/orgs/${org}/apps/${appName}/executors`),
          ListExecutorsResponseSchema,
        );
        return executors.some((e) => e.executorId === executorId && e.status === 'HEALTHY');
      },
      HANG_GUARD_MS,
      'the executor to be connected',
    );

    expect((await owner.browser.delete(path(admin.userId))).status).toBe(200);

    // The removed admin cannot walk back in with their secret, nor can anyone else.
    expect(await joinWith(joinSecret.secret, admin)).toBe(404);
    expect(await joinWith(joinSecret.secret)).toBe(404);
    expect(await readAppWith(apiKey.token)).toBe(401);
    await expect(linkClosed).resolves.toBe(CLOSE_ACCESS_REVOKED);
    const again = await connectExecutor(
      `${stack.server.conductorUrl}/websocket/${appName}/${apiKey.token}`,
    );
    expect(again).toMatchObject({ refused: 401 });
    // Nobody else's credentials.
    expect(await readAppWith(ownerKey)).toBe(200);

    const entry = await auditEntryOf('member.remove', admin.userId);
    expect(entry.status).toBe('success');
    expect(RevokedCredentialsSchema.parse(entry.details.revoked)).toEqual({
      apiKeys: [{ id: apiKey.id, name: 'shop executors', prefix: apiKey.prefix }],
      joinSecrets: [{ id: joinSecret.id, prefix: joinSecret.prefix, role: 'ADMIN' }],
    });
    expect(JSON.stringify(entry)).not.toContain(apiKey.token);
    expect(JSON.stringify(entry)).not.toContain(joinSecret.secret);
    // The lists show them revoked.
    const keys = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/tokens`),
      ListApiKeysResponseSchema,
    );
    expect(keys.find((k) => k.id === apiKey.id)?.revokedAt).not.toBeNull();
    const secrets = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/join-secrets`),
      ListJoinSecretsResponseSchema,
    );
    expect(secrets.find((s) => s.id === joinSecret.id)?.revokedAt).not.toBeNull();
  });

  it('revokes the same when an admin leaves on their own', async () => {
    const admin = await member('ADMIN');
    const joinSecret = await createJoinSecret(admin, 'VIEWER', 5);
    const apiKey = await createApiKey(admin, 'ci', ['application.read']);

    expect((await admin.browser.delete(path(admin.userId))).status).toBe(200);

    expect(await joinWith(joinSecret.secret)).toBe(404);
    expect(await readAppWith(apiKey.token)).toBe(401);
    const entry = await auditEntryOf('member.remove', admin.userId);
    expect(entry.details.revoked).toEqual({
      apiKeys: [{ id: apiKey.id, name: 'ci', prefix: apiKey.prefix }],
      joinSecrets: [{ id: joinSecret.id, prefix: joinSecret.prefix, role: 'VIEWER' }],
    });
  });

  it("demoting an admin to operator revokes their join secrets and API keys, and nobody else's", async () => {
    const admin = await member('ADMIN');
    const otherAdmin = await member('ADMIN');
    const adminSecret = await createJoinSecret(admin, 'ADMIN', 1000);
    const viewerSecret = await createJoinSecret(admin, 'VIEWER', 10);
    const usedUp = await createJoinSecret(admin, 'VIEWER', 1);
    expect(await joinWith(usedUp.secret)).toBe(200);
    const apiKey = await createApiKey(admin, 'reports', ['application.read']);
    const othersKey = await createApiKey(otherAdmin, 'theirs', ['application.read']);
    const othersSecret = await createJoinSecret(otherAdmin, 'ADMIN', 3);

    const demoted = bodyOf(
      await owner.browser.patch(path(admin.userId), { role: 'OPERATOR' }),
      UpdateMemberResponseSchema,
    );

    const expected = {
      apiKeys: [{ id: apiKey.id, name: 'reports', prefix: apiKey.prefix }],
      // Oldest first; the used-up one was no longer live.
      joinSecrets: [
        { id: adminSecret.id, prefix: adminSecret.prefix, role: 'ADMIN' },
        { id: viewerSecret.id, prefix: viewerSecret.prefix, role: 'VIEWER' },
      ],
    };
    expect(demoted).toMatchObject({ userId: admin.userId, role: 'OPERATOR', revoked: expected });
    expect(await joinWith(adminSecret.secret)).toBe(404);
    expect(await joinWith(viewerSecret.secret)).toBe(404);
    expect(await readAppWith(apiKey.token)).toBe(401);
    expect(await readAppWith(othersKey.token)).toBe(200);
    expect(await joinWith(othersSecret.secret)).toBe(200);
    const entry = await auditEntryOf('role.grant', admin.userId);
    expect(entry.details).toMatchObject({ role_name: 'OPERATOR', previousRole: 'ADMIN' });
    expect(entry.details.revoked).toEqual(expected);
  });

  it('demoting an owner to admin keeps their ADMIN join secrets and API keys, and revokes their OWNER ones', async () => {
    const coOwner = await member('OWNER');
    const ownerSecret = await createJoinSecret(coOwner, 'OWNER', 2);
    const adminSecret = await createJoinSecret(coOwner, 'ADMIN', 2);
    const apiKey = await createApiKey(coOwner, 'deploys', ['application.read']);

    const demoted = bodyOf(
      await owner.browser.patch(path(coOwner.userId), { role: 'ADMIN' }),
      UpdateMemberResponseSchema,
    );

    expect(demoted.revoked).toEqual({
      apiKeys: [],
      joinSecrets: [{ id: ownerSecret.id, prefix: ownerSecret.prefix, role: 'OWNER' }],
    });
    expect(await joinWith(ownerSecret.secret)).toBe(404);
    expect(await joinWith(adminSecret.secret)).toBe(200);
    expect(await readAppWith(apiKey.token)).toBe(200);
    // A promotion has nothing to revoke.
    const promoted = bodyOf(
      await owner.browser.patch(path(coOwner.userId), { role: 'OWNER' }),
      UpdateMemberResponseSchema,
    );
    expect(promoted.revoked).toEqual({ apiKeys: [], joinSecrets: [] });
  });

  it('revokes with a key the keys it created, even those its creator could still create', async () => {
    const writers = await createCustomRole(owner.browser, org, 'key_writers', [
      'organization.read',
      'token.write',
      'application.read',
      'application.write',
    ]);
    const readers = await createCustomRole(owner.browser, org, 'key_readers', [
      'organization.read',
      'token.write',
      'application.read',
    ]);
    const maker = await member('VIEWER');
    expect(await grantRole(owner.browser, org, maker.userId, writers)).toBe(204);
    const parent = bodyOf(
      await maker.browser.post(`/v2/orgs/${org}/tokens/parent-key`, {
        permissions: ['token.write', 'application.read', 'application.write'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    const child = bodyOf(
      await new TestBrowser(stack.server.url).post(
        `/v2/orgs/${org}/tokens/child-key`,
        { permissions: ['application.read'] },
        { headers: { authorization: `Bearer ${parent.token}` } },
      ),
      CreateApiKeyResponseSchema,
      201,
    );
    // `readers` lacks application.write, which the parent holds: it goes, and its child with it.
    expect(await grantRole(owner.browser, org, maker.userId, readers)).toBe(204);
    const app = `/v2/orgs/${org}/apps/${appName}`;
    for (const key of [parent, child]) {
      const res = await new TestBrowser(stack.server.url).get(app, {
        headers: { authorization: `Bearer ${key.token}` },
      });
      assertProblem(res, 401, 'UNAUTHENTICATED');
    }
    const entry = bodyOf(
      await owner.browser.get(`/v2/orgs/${org}/audit-logs?operation=role.grant&limit=1000`),
      ListAuditLogsResponseSchema,
    ).find((e) => e.target.id === maker.userId && e.details.role_name === readers);
    const revoked = (entry?.details.revoked as { apiKeys: { id: string }[] }).apiKeys;
    expect(revoked.map((k) => k.id).sort()).toEqual([parent.id, child.id].sort());
  });
});
