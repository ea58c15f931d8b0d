import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../../infra/database/database.tokens';

/**
 * Which replica is recovering which dead executor: a claim on its row of the executors table,
 * taken before `recovery` is sent so that one replica sends it (see DeadExecutorRecoverer).
 */
@Injectable()
export class RecoveryClaimsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Claims the recovery of a DEAD, unrecovered executor for `replicaId`: granted when nobody
   * holds it, this replica does, or its holder's lease has passed. A conditional update, so of
   * replicas racing for one dead executor exactly one gets it (the others wait on the row lock,
   * then see the claim). Held until released, confirmed or its replica's row is gone.
   */
  async claimRecovery(id: string, replicaId: string): Promise<boolean> {
    const claimed = await this.db.prisma.$executeRaw`
      UPDATE executors e SET recovery_claimed_by = ${replicaId}::uuid
      WHERE e.id = ${id}::uuid AND e.status = 'DEAD' AND e.recovered_at IS NULL
        AND (e.recovery_claimed_by IS NULL OR e.recovery_claimed_by = ${replicaId}::uuid
          OR NOT EXISTS (SELECT 1 FROM replicas r
                         WHERE r.id = e.recovery_claimed_by AND r.lease_until > now()))`;
    return claimed > 0;
  }

  /** Whether the executor is still DEAD, unrecovered and its recovery claimed by `replicaId`. */
  async holdsRecovery(id: string, replicaId: string): Promise<boolean> {
    const count = await this.db.prisma.executor.count({
      where: { id, status: 'DEAD', recoveredAt: null, recoveryClaimedBy: replicaId },
    });
    return count > 0;
  }

  /** Gives a claim back (an attempt that did not finish), so any replica may try later. */
  async releaseRecovery(id: string, replicaId: string): Promise<void> {
    await this.db.prisma.executor.updateMany({
      where: { id, recoveryClaimedBy: replicaId },
      data: { recoveryClaimedBy: null },
    });
  }
}
