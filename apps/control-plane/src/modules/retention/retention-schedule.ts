import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
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
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly applications: ApplicationRecordsService,
    private readonly pusher: RetentionPusher,
    private readonly role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'retention' });
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => {
      if (this.role.isCoordinator) void this.pushAll();
    }, this.config.retention.intervalMs);
    this.timer.unref();
  }

  onModuleDestroy() {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** One round over every application with retention; rounds never overlap. */
  pushAll(): Promise<void> {
    this.running ??= this.runRound()
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error) }, 'retention round failed: retrying at the next'),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async runRound(): Promise<void> {
    for (const application of await this.applications.findWithRetention()) {
      if (this.stopped) return;
      await this.pusher.push(application, 'schedule');
    }
  }
}
