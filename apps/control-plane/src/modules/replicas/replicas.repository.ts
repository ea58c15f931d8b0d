import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';

/**
 * The only place that touches the replicas table. Leases are computed on the database's clock
 * (`now()`), one clock for every replica.
 */
@Injectable()
export class ReplicasRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Inserts the replica's row, or renews its lease (a row someone removed comes back). */
  async renewLease(
    replica: { id: string; startedAt: Date; address: string | null },
    leaseSeconds: number,
  ): Promise<void> {
    await this.db.prisma.$executeRaw`
      INSERT INTO replicas (id, started_at, lease_until, address)
      VALUES (${replica.id}::uuid, ${replica.startedAt}, now() + make_interval(secs => ${leaseSeconds}), ${replica.address})
      ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until, address = EXCLUDED.address`;
  }

  /** Removes the replica's row (a clean stop); its executors' `replica_id` becomes null. */
  async delete(id: string): Promise<void> {
    await this.db.prisma.replica.deleteMany({ where: { id } });
  }
}
