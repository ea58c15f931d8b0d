import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { Transactions } from '../../infra/database/transactions';
import { ReplicaIdentity } from '../../infra/replica/replica-identity';
import { ReplicaRole } from '../../infra/replica/replica-role';
import { ExecutorsService } from '../executors/executors.service';
import { viewLeases } from './lease-view';
import { ReplicasRepository } from './replicas.repository';

/** Read the leases again this long after the next one is due to pass (clock rounding). */
const EXPIRY_MARGIN_MS = 50;

/**
 * Watches the other replicas' leases, on every replica (a lone process too: its predecessor
 * may have died). Guards the invariants of replica failure:
 *
 * - A replica whose lease passed is adopted by exactly one survivor (its row locked with SKIP
 *   LOCKED, in one transaction with the update): the executors it left CONNECTED become
 *   DISCONNECTED as of its lease expiry, or as of the adopter's start when the adopter started
 *   later (nobody could have been reconnected to before), and their grace periods run from
 *   then; those that reconnected elsewhere already name their new replica. Its row goes.
 * - The recovery coordinator (ReplicaRole) is the longest-running replica whose lease holds.
 *
 * The leases are read every third of the lease and again just after the next one is due to
 * pass, so a dead replica is adopted, and its role passed on, within moments of its expiry.
 */
@Injectable()
export class ReplicaFailoverService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private watching?: Promise<void>;
  private nextMs: number;
  private stopped = false;

  constructor(
    private readonly replicas: ReplicasRepository,
    private readonly executors: ExecutorsService,
    private readonly transactions: Transactions,
    private readonly replica: ReplicaIdentity,
    private readonly role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'replica-failover' });
    this.nextMs = this.periodMs;
  }

  onApplicationBootstrap() {
    void this.watch();
  }

  onModuleDestroy() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One look at the leases: adopts the expired, settles the role. Looks never overlap. */
  watch(): Promise<void> {
    this.watching ??= this.look()
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error) }, 'could not read replica leases: retrying'),
      )
      .finally(() => {
        this.watching = undefined;
        this.schedule();
      });
    return this.watching;
  }

  private get periodMs(): number {
    return (this.config.replica.leaseSeconds * 1000) / 3;
  }

  private async look(): Promise<void> {
    this.nextMs = this.periodMs;
    const view = viewLeases(await this.replicas.findLeases(), this.replica.id);
    for (const expired of view.expired) {
      if (this.stopped) return;
      await this.adopt(expired.id);
    }
    if (this.config.redis) this.role.setCoordinator(view.coordinatorId === this.replica.id);
    if (view.nextExpiryMs !== null) {
      this.nextMs = Math.min(this.nextMs, view.nextExpiryMs + EXPIRY_MARGIN_MS);
    }
  }

  private async adopt(replicaId: string): Promise<void> {
    const adopted = await this.transactions.run(async () => {
      const leaseUntil = await this.replicas.lockExpired(replicaId);
      if (!leaseUntil) return null; // renewed meanwhile, or another replica is adopting it
      const at = new Date(Math.max(leaseUntil.getTime(), this.replica.startedAt.getTime()));
      const executors = await this.executors.adoptLinksOf(replicaId, at);
      await this.replicas.delete(replicaId);
      return { at, count: executors.length };
    });
    if (adopted) {
      this.logger.info(
        { deadReplicaId: replicaId, executors: adopted.count, disconnectedAt: adopted.at },
        'adopted the executors of a replica whose lease passed',
      );
    }
  }

  private schedule() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.watch(), Math.max(this.nextMs, EXPIRY_MARGIN_MS));
    this.timer.unref();
  }
}
