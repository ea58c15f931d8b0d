import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryClaimsRepository } from './recovery/recovery-claims.repository';

describe('recovery claims on PostgreSQL (RecoveryClaimsRepository)', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let repository: RecoveryClaimsRepository;
  let applicationId: string;
  let organizationId: string;

  /** A replica row whose lease ends `leaseMs` from now (negative: it passed). */
  async function replica(leaseMs: number): Promise<string> {
    const id = randomUUID();
    await db.prisma.replica.create({
      data: { id, startedAt: new Date(), leaseUntil: new Date(Date.now() + leaseMs) },
    });
    return id;
  }

  async function deadExecutor(overrides: { recoveredAt?: Date } = {}): Promise<string> {
    const at = new Date();
    const row = await db.prisma.executor.create({
      data: {
        organizationId,
        applicationId,
        executorId: randomUUID(),
        applicationVersion: 'v1',
        language: 'typescript',
        sdkVersion: '5.2.11',
        status: 'DEAD',
        connectedAt: at,
        disconnectedAt: at,
        lastSeenAt: at,
        deadAt: at,
        ...overrides,
      },
    });
    return row.id;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ kind: 'postgres', url: scratch.url });
    repository = new RecoveryClaimsRepository(db);
    const name = `org-${randomUUID().slice(0, 8)}`;
    const org = await db.prisma.organization.create({ data: { name, displayName: name } });
    const app = await db.prisma.application.create({
      data: { organizationId: org.id, name: 'claims' },
    });
    organizationId = org.id;
    applicationId = app.id;
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('grants a claim to one replica and refuses it to another while the holder lives', async () => {
    const [a, b] = [await replica(60_000), await replica(60_000)];
    const id = await deadExecutor();
    expect(await repository.claimRecovery(id, a)).toBe(true);
    expect(await repository.claimRecovery(id, b)).toBe(false);
    expect(await repository.claimRecovery(id, a)).toBe(true); // its own, again
    expect(await repository.holdsRecovery(id, a)).toBe(true);
    expect(await repository.holdsRecovery(id, b)).toBe(false);
  });

  it('lets another replica claim once the holder gives it back, its lease passes or its row goes', async () => {
    const live = await replica(60_000);
    const released = await deadExecutor();
    const holder = await replica(60_000);
    await repository.claimRecovery(released, holder);
    await repository.releaseRecovery(released, holder);
    expect(await repository.claimRecovery(released, live)).toBe(true);

    const lapsed = await deadExecutor();
    const expiring = await replica(60_000);
    await repository.claimRecovery(lapsed, expiring);
    await db.prisma.replica.update({
      where: { id: expiring },
      data: { leaseUntil: new Date(Date.now() - 1_000) },
    });
    expect(await repository.claimRecovery(lapsed, live)).toBe(true);

    const orphaned = await deadExecutor();
    const leaving = await replica(60_000);
    await repository.claimRecovery(orphaned, leaving);
    await db.prisma.replica.delete({ where: { id: leaving } });
    expect(await repository.holdsRecovery(orphaned, leaving)).toBe(false);
    expect(await repository.claimRecovery(orphaned, live)).toBe(true);
  });

  it('grants nothing for an executor already recovered or no longer dead', async () => {
    const a = await replica(60_000);
    expect(await repository.claimRecovery(await deadExecutor({ recoveredAt: new Date() }), a)).toBe(
      false,
    );
    const back = await deadExecutor();
    await db.prisma.executor.update({ where: { id: back }, data: { status: 'CONNECTED' } });
    expect(await repository.claimRecovery(back, a)).toBe(false);
  });
});
