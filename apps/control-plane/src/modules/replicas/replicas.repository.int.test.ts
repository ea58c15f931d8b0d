import { randomUUID } from 'node:crypto';
import type { Database } from '@podium/db';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import { ReplicasRepository } from './replicas.repository';

// Rows as this version writes them, as an older version wrote them (no capabilities column in
// its INSERT: the empty default) and as a hand-made or restored row may hold them (NULL).
describe.each(DATABASE_BACKENDS)('replica capabilities on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let replicas: ReplicasRepository;

  beforeAll(() => {
    db = database();
    replicas = new ReplicasRepository(db);
  });
  beforeEach(async () => {
    await db.prisma.$executeRaw`DELETE FROM replicas`;
  });

  const current = () =>
    replicas.renewLease({ id: randomUUID(), startedAt: new Date(), address: null }, 60);

  /** A replica row written without this version's capabilities, its lease live or lapsed. */
  async function older(capabilities: 'default' | 'null', leaseSeconds: number) {
    const id = randomUUID();
    if (capabilities === 'default') {
      await db.prisma.$executeRaw`
        INSERT INTO replicas (id, started_at, lease_until, address)
        VALUES (${id}::uuid, now(), now() + make_interval(secs => ${leaseSeconds}), NULL)`;
    } else {
      await db.prisma.$executeRaw`
        INSERT INTO replicas (id, started_at, lease_until, address, capabilities)
        VALUES (${id}::uuid, now(), now() + make_interval(secs => ${leaseSeconds}), NULL, NULL)`;
    }
  }

  it('holds while every live replica lists the capability', async () => {
    await current();
    await current();
    await expect(replicas.everyLiveReplicaHas('sealed-webhook-urls')).resolves.toBe(true);
  });

  it.each(['default', 'null'] as const)(
    'does not while a live replica lists none (%s capabilities), and does once its lease lapsed',
    async (capabilities) => {
      await current();
      await older(capabilities, 60);
      await expect(replicas.everyLiveReplicaHas('sealed-webhook-urls')).resolves.toBe(false);
      await db.prisma.$executeRaw`DELETE FROM replicas`;
      await current();
      await older(capabilities, -1);
      await expect(replicas.everyLiveReplicaHas('sealed-webhook-urls')).resolves.toBe(true);
    },
  );
});
