import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';
import {
  REPLICA_CAPABILITIES,
  type ReplicaCapability,
} from '../../infra/replica/replica-capabilities';
import type { LeaseRow } from './lease-view';

/**
 * The only place that touches the replicas table. Leases are computed on the database's clock
 * (`now()`), one clock for every replica.
 */
@Injectable()
export class ReplicasRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Renews the replica's lease, or inserts its row. `inserted` when there was no row: its first
   * renewal, or another replica adopted its executors and removed it (see `lockExpired`).
   */
  async renewLease(
    replica: { id: string; startedAt: Date; address: string | null },
    leaseSeconds: number,
  ): Promise<'renewed' | 'inserted'> {
    const renewed = await this.db.prisma.$executeRaw`
      UPDATE replicas SET lease_until = now() + make_interval(secs => ${leaseSeconds}), address = ${replica.address}
      WHERE id = ${replica.id}::uuid`;
    if (renewed > 0) return 'renewed';
    const capabilities = [...REPLICA_CAPABILITIES];
    await this.db.prisma.$executeRaw`
      INSERT INTO replicas (id, started_at, lease_until, address, capabilities)
      VALUES (${replica.id}::uuid, ${replica.startedAt}, now() + make_interval(secs => ${leaseSeconds}), ${replica.address}, ${capabilities}::text[])
      ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until, address = EXCLUDED.address`;
    return 'inserted';
  }

  /** Whether every replica whose lease lives lists `capability` (older versions list none). */
  async everyLiveReplicaHas(capability: ReplicaCapability): Promise<boolean> {
    const [row] = await this.db.prisma.$queryRaw<Array<{ lacking: boolean }>>`
      SELECT EXISTS (
        SELECT 1 FROM replicas
        WHERE lease_until > now()
          AND NOT (COALESCE(capabilities, ARRAY[]::text[]) @> ARRAY[${capability}]::text[])
      ) AS lacking`;
    return row?.lacking === false;
  }

  /** Every replica's lease, with the time left on it by the database's clock. */
  findLeases(): Promise<LeaseRow[]> {
    return this.db.prisma.$queryRaw<LeaseRow[]>`
      SELECT id::text AS id, started_at AS "startedAt", lease_until AS "leaseUntil",
             (EXTRACT(EPOCH FROM (lease_until - now())) * 1000)::float8 AS "remainingMs"
      FROM replicas`;
  }

  /**
   * Inside a transaction: locks the row of a replica whose lease has passed, for the one
   * replica that adopts its executors (others skip the locked row; a renewal waits for the
   * adoption, then finds the row gone). Its `leaseUntil`, or null when it is not (or no longer)
   * expired, or another replica is adopting it.
   */
  async lockExpired(id: string): Promise<Date | null> {
    const rows = await this.db.prisma.$queryRaw<Array<{ leaseUntil: Date }>>`
      SELECT lease_until AS "leaseUntil" FROM replicas
      WHERE id = ${id}::uuid AND lease_until <= now()
      FOR UPDATE SKIP LOCKED`;
    return rows[0]?.leaseUntil ?? null;
  }

  /**
   * Removes the replica's row (a clean stop, or once adopted); its executors' `replica_id` and
   * its recovery claims become null.
   */
  async delete(id: string): Promise<void> {
    await this.db.prisma.replica.deleteMany({ where: { id } });
  }
}
