import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { CoordinatorSchedule } from '../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../infra/replica/replica-role';
import { AuditRepository } from './audit.repository';

/**
 * The audit log's retention: every PODIUM_AUDIT_RETENTION_SWEEP_MS the coordinator deletes the
 * entries older than their organization's `auditLogRetentionDays` (DBOS's default 90 days).
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly schedule: CoordinatorSchedule;

  constructor(
    private readonly events: AuditRepository,
    role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'audit-retention' });
    this.schedule = new CoordinatorSchedule(role, this.logger, 'audit retention sweep');
  }

  onApplicationBootstrap() {
    this.schedule.every(this.config.auditRetentionSweepMs, () => this.sweepPass(new Date()));
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** One sweep now (or the one under way). */
  sweep(now = new Date()): Promise<void> {
    return this.schedule.run(() => this.sweepPass(now));
  }

  private async sweepPass(now: Date): Promise<void> {
    const deleted = await this.events.deleteExpired(now);
    if (deleted > 0) this.logger.info({ deleted }, 'audit entries past retention deleted');
  }
}
