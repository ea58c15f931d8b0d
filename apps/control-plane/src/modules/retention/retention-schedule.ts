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
import { ApplicationRecordsService } from '../applications/application-records.service';
import { RetentionPusher } from './retention-pusher';

/**
 * The periodic retention push: every `retention.intervalMs` (PODIUM_RETENTION_INTERVAL_MS,
 * default 5 min) each application with a threshold set gets one push (RetentionPusher), one
 * application after another. Only the coordinator replica runs it (ReplicaRole, like the
 * dead-executor sweeps); two replicas overlapping for a moment push twice, which is harmless.
 * Pushes after a settings change come from ApplicationsService on whichever replica took it.
 */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedule: CoordinatorSchedule;

  constructor(
    private readonly applications: ApplicationRecordsService,
    private readonly pusher: RetentionPusher,
    role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.schedule = new CoordinatorSchedule(
      role,
      logger.child({ component: 'retention' }),
      'retention round',
    );
  }

  onApplicationBootstrap() {
    this.schedule.every(this.config.retention.intervalMs, () => this.runRound());
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** One round over every application with retention; rounds never overlap. */
  pushAll(): Promise<void> {
    return this.schedule.run(() => this.runRound());
  }

  private async runRound(): Promise<void> {
    for (const application of await this.applications.findWithRetention()) {
      if (this.schedule.stopped) return;
      await this.pusher.push(application, 'schedule');
    }
  }
}
