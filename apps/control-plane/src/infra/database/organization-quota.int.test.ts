import type { Database } from '@podium/db';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import { Transactions, transactionAware } from './transactions';
import { createWithinQuota, QUOTA_EXCEEDED } from './organization-quota';

const MAX = 2;

describe.each(DATABASE_BACKENDS)('organization quotas on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;

  beforeAll(() => {
    db = database();
  });

  const newOrg = (name: string) =>
    db.prisma.organization.create({ data: { name, displayName: name } });

  /** An application of the organization, unless it has MAX already. */
  const createApp = (organizationId: string, name: string) =>
    createWithinQuota(db, {
      organizationId,
      max: MAX,
      count: (tx) => tx.application.count({ where: { organizationId } }),
      create: (tx) => tx.application.create({ data: { organizationId, name } }),
    });

  it('lets racing creations in one organization pass the quota none together', async () => {
    const org = await newOrg('racing');
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createApp(org.id, `app-${i}`)),
    );
    expect(outcomes.filter((outcome) => outcome !== QUOTA_EXCEEDED)).toHaveLength(MAX);
    expect(outcomes.filter((outcome) => outcome === QUOTA_EXCEEDED)).toHaveLength(6 - MAX);
    expect(await db.prisma.application.count({ where: { organizationId: org.id } })).toBe(MAX);
  });

  it('counts each organization alone, and a removal frees a place', async () => {
    const [full, other] = [await newOrg('full'), await newOrg('other')];
    for (const name of ['a', 'b']) await createApp(full.id, name);
    await expect(createApp(full.id, 'c')).resolves.toBe(QUOTA_EXCEEDED);
    await expect(createApp(other.id, 'a')).resolves.toMatchObject({ name: 'a' });
    await db.prisma.application.deleteMany({ where: { organizationId: full.id, name: 'a' } });
    await expect(createApp(full.id, 'c')).resolves.toMatchObject({ name: 'c' });
  });

  it('answers what settle returns before counting, and counts when it returns undefined', async () => {
    const org = await newOrg('settled');
    for (const name of ['a', 'b']) await createApp(org.id, name);
    const register = (name: string) =>
      createWithinQuota(db, {
        organizationId: org.id,
        max: MAX,
        settle: async (tx) =>
          (await tx.application.findFirst({ where: { organizationId: org.id, name } }))
            ? ('taken' as const)
            : undefined,
        count: (tx) => tx.application.count({ where: { organizationId: org.id } }),
        create: (tx) => tx.application.create({ data: { organizationId: org.id, name } }),
      });
    await expect(register('a')).resolves.toBe('taken'); // full, yet a conflict, not a quota refusal
    await expect(register('c')).resolves.toBe(QUOTA_EXCEEDED);
  });

  it('joins the transaction it runs in: what it created goes if that one rolls back', async () => {
    const org = await newOrg('joined');
    const scoped = transactionAware(db);
    const transactions = new Transactions(scoped, pino({ level: 'silent' }));
    const failure = new Error('the work around the creation failed');
    const run = transactions.run(async () => {
      await createWithinQuota(scoped, {
        organizationId: org.id,
        max: MAX,
        count: (tx) => tx.application.count({ where: { organizationId: org.id } }),
        create: (tx) => tx.application.create({ data: { organizationId: org.id, name: 'undone' } }),
      });
      throw failure;
    });
    await expect(run).rejects.toBe(failure);
    expect(await db.prisma.application.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
