import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Prisma, openDatabase } from '../src';
import { expectQueryPastPrisma } from './query-past-prisma';

describe('embedded PGlite database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-db-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('applies every migration on first open and none on the next', async () => {
    const migrations = fs
      .readdirSync(path.join(__dirname, '..', 'migrations'))
      .filter((d) => /^\d/.test(d));
    const first = await openDatabase({ kind: 'pglite', dataDir });
    expect(first.kind).toBe('pglite');
    expect(first.appliedMigrations).toEqual(migrations.sort());
    const org = await first.prisma.organization.create({
      data: { name: 'acme', displayName: 'Acme' },
    });
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    expect(second.appliedMigrations).toEqual([]);
    await expect(
      second.prisma.organization.findUnique({ where: { id: org.id } }),
    ).resolves.toMatchObject({
      name: 'acme',
    });
    await second.close();
  });

  it('runs a statement past Prisma on the same database', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      await expectQueryPastPrisma(db);
    } finally {
      await db.close();
    }
  });

  it('enforces the schema: enums, cascades and unique app names per organization', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      await db.ping();
      const user = await db.prisma.user.create({
        data: { email: 'ada@example.com', displayName: 'Ada', passwordHash: 'x' },
      });
      const org = await db.prisma.organization.create({
        data: {
          name: 'org-a',
          displayName: 'A',
          memberships: { create: { userId: user.id, role: 'OPERATOR' } },
          applications: { create: { name: 'billing' } },
        },
        include: { applications: true, memberships: true },
      });
      expect(org.memberships[0]?.role).toBe('OPERATOR');
      expect(org.applications[0]?.executorGracePeriodSeconds).toBe(60);

      const duplicate = db.prisma.application.create({
        data: { organizationId: org.id, name: 'billing' },
      });
      await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      await expect(duplicate).rejects.toMatchObject({ code: 'P2002' });

      await db.prisma.organization.delete({ where: { id: org.id } });
      await expect(db.prisma.membership.count()).resolves.toBe(0);
      await expect(db.prisma.application.count()).resolves.toBe(0);
    } finally {
      await db.close();
    }
  });
});
