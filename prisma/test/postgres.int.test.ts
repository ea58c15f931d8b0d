import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployMigrations, openDatabase } from '../src';
import { createScratchDatabase, type ScratchDatabase } from '../src/testing';
import { prisma } from './cli';
import { expectQueryPastPrisma } from './query-past-prisma';

describe('PostgreSQL through the stock Prisma CLI (wasm engine shim)', () => {
  let database: ScratchDatabase;
  beforeAll(async () => {
    database = await createScratchDatabase({ create: false });
  });
  afterAll(() => database.drop());

  it('deploys every migration to a new database, then reports it up to date', () => {
    const deploy = prisma(['migrate', 'deploy'], { DATABASE_URL: database.url });
    expect(deploy.output).toContain('All migrations have been successfully applied');
    expect(deploy.status).toBe(0);

    const status = prisma(['migrate', 'status'], { DATABASE_URL: database.url });
    expect(status.output).toContain('Database schema is up to date');
    expect(status.status).toBe(0);
  });

  it('serves Prisma Client queries and transactions on the deployed schema', async () => {
    const db = await openDatabase({ kind: 'postgres', url: database.url });
    try {
      await db.ping();
      const org = await db.prisma.$transaction(async (tx) => {
        const created = await tx.organization.create({
          data: { name: 'acme', displayName: 'Acme' },
        });
        await tx.auditEvent.create({
          data: {
            organizationId: created.id,
            action: 'organization.create',
            targetType: 'organization',
            targetId: created.id,
            outcome: 'SUCCESS',
            details: { via: 'test' },
          },
        });
        return created;
      });
      const events = await db.prisma.auditEvent.findMany({ where: { organizationId: org.id } });
      expect(events).toHaveLength(1);
      expect(events[0]?.details).toEqual({ via: 'test' });
      expect(events[0]?.createdAt).toBeInstanceOf(Date);
    } finally {
      await db.close();
    }
  });

  it('runs a statement past Prisma on the same pool', async () => {
    const db = await openDatabase({ kind: 'postgres', url: database.url });
    try {
      await expectQueryPastPrisma(db);
    } finally {
      await db.close();
    }
  });

  it('reports an unreachable server as a failed ping, not a hang', async () => {
    const db = await openDatabase({
      kind: 'postgres',
      url: 'postgresql://postgres@127.0.0.1:1/none',
    });
    await expect(db.ping()).rejects.toThrow();
    await db.close();
  });
});

describe('deployMigrations (in-process, for tests and tooling)', () => {
  it('brings a new empty database to the current schema, once', async () => {
    const scratch = await createScratchDatabase({ migrate: false });
    try {
      const first = await deployMigrations(scratch.url);
      expect(first.length).toBeGreaterThan(0);
      await expect(deployMigrations(scratch.url)).resolves.toEqual([]);
    } finally {
      await scratch.drop();
    }
  });
});
