import { randomBytes } from 'node:crypto';
import type { Database, Role } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../../test/support/database-backends';
import { QUOTA_EXCEEDED } from '../../../infra/database/organization-quota';
import { JoinSecretsRepository } from '../join-secrets/join-secrets.repository';
import { MembersRepository, type RoleAssignment } from './members.repository';

const builtIn = (role: Role): RoleAssignment => ({ role, customRoleId: null });

// The membership invariants live in transactions (row lock, conditional update): check them on
// both databases the control plane runs on, and under real concurrency on PostgreSQL.
describe.each(DATABASE_BACKENDS)('membership transactions on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let members: MembersRepository;
  let secrets: JoinSecretsRepository;

  const unique = () => randomBytes(4).toString('hex');
  const newUser = () =>
    db.prisma.user.create({
      data: { email: `${unique()}@example.com`, displayName: 'U', passwordHash: 'x' },
    });
  async function orgWithOwners(count: number) {
    const org = await db.prisma.organization.create({
      data: { name: `org-${unique()}`, displayName: 'Org' },
    });
    const owners = [];
    for (let i = 0; i < count; i++) {
      const user = await newUser();
      await db.prisma.membership.create({
        data: { organizationId: org.id, userId: user.id, role: 'OWNER' },
      });
      owners.push(user.id);
    }
    return { org, owners };
  }

  /** A VIEWER join secret of the organization, valid a minute. */
  const newSecret = (organizationId: string, maxUses: number) => ({
    organizationId,
    role: 'VIEWER' as const,
    prefix: `pjs_${unique()}`,
    secretHash: unique(),
    expiresAt: new Date(Date.now() + 60_000),
    maxUses,
    createdById: null,
  });

  beforeAll(() => {
    db = database();
    members = new MembersRepository(db);
    secrets = new JoinSecretsRepository(db);
  });

  it('refuses to demote or remove the last owner', async () => {
    const { org, owners } = await orgWithOwners(1);
    const [owner] = owners as [string];
    await expect(members.updateRole(org.id, owner, builtIn('ADMIN'))).resolves.toBe('last_owner');
    await expect(members.remove(org.id, owner)).resolves.toBe('last_owner');
    await expect(members.updateRole(org.id, owner, builtIn('OWNER'))).resolves.toMatchObject({
      role: { name: 'OWNER', isGlobal: true },
    });
    const custom = await db.prisma.customRole.create({
      data: { organizationId: org.id, name: `role_${unique()}`, permissions: ['metric.read'] },
    });
    await expect(
      members.updateRole(org.id, owner, { role: null, customRoleId: custom.id }),
    ).resolves.toBe('last_owner');
  });

  it('lets exactly one of two owners step down when both try at once', async () => {
    // Several organizations at once, so the two demotions really overlap somewhere.
    const orgs = await Promise.all(Array.from({ length: 8 }, () => orgWithOwners(2)));
    const outcomes = await Promise.all(
      orgs.map(({ org, owners }) =>
        Promise.all(owners.map((id) => members.updateRole(org.id, id, builtIn('VIEWER')))),
      ),
    );
    for (const pair of outcomes) expect(pair.filter((o) => o === 'last_owner')).toHaveLength(1);
    const owners = await db.prisma.membership.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: orgs.map(({ org }) => org.id) }, role: 'OWNER' },
      _count: true,
    });
    expect(owners.map((o) => o._count)).toEqual(orgs.map(() => 1));
  });

  it('holds usable join secrets to the quota: revoked, used-up and expired ones free their place', async () => {
    const { org } = await orgWithOwners(1);
    const now = new Date();
    const attempt = () => secrets.create(newSecret(org.id, 1), 2, now);
    const created = async () => {
      const secret = await attempt();
      if (secret === QUOTA_EXCEEDED) throw new Error('refused within the quota');
      return secret;
    };
    const [first, second] = [await created(), await created()];
    await expect(attempt()).resolves.toBe(QUOTA_EXCEEDED);
    await db.prisma.joinSecret.update({ where: { id: first.id }, data: { revokedAt: now } });
    const third = await created();
    await expect(attempt()).resolves.toBe(QUOTA_EXCEEDED);
    await db.prisma.joinSecret.update({ where: { id: second.id }, data: { uses: 1 } });
    await created();
    await db.prisma.joinSecret.update({ where: { id: third.id }, data: { expiresAt: now } });
    await created();
    await expect(attempt()).resolves.toBe(QUOTA_EXCEEDED);
  });

  it('redeems a join secret no more often than its uses allow, even concurrently', async () => {
    const { org } = await orgWithOwners(1);
    const secret = await secrets.create(newSecret(org.id, 2), 0, new Date());
    if (secret === QUOTA_EXCEEDED) throw new Error('no quota was set');
    const joiners = await Promise.all([newUser(), newUser(), newUser(), newUser()]);
    const outcomes = await Promise.all(
      joiners.map((user) => secrets.redeem(secret, user.id, new Date())),
    );
    expect(outcomes.filter((o) => o === 'joined')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'unusable')).toHaveLength(2);
    await expect(secrets.redeem(secret, joiners[0].id, new Date())).resolves.toBe(
      outcomes[0] === 'joined' ? 'already_member' : 'unusable',
    );
  });
});
