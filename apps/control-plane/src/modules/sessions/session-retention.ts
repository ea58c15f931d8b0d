import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CoordinatorSchedule } from '../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../infra/replica/replica-role';
import { SessionsRepository } from './sessions.repository';

const HOUR_MS = 3_600_000;

/** How often the coordinator deletes ended sessions. */
export const SESSION_SWEEP_MS = HOUR_MS;

/** An ended session (signed out, revoked, expired) is kept this long, then deleted. */
export const ENDED_SESSION_KEEP_MS = 7 * 24 * HOUR_MS;

/**
 * Sessions do not pile up: every hour the coordinator deletes those that ended more than a
 * week ago (a session a week old is past use, its refresh tokens with it).
 */
@Injectable()
export class SessionRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly schedule: CoordinatorSchedule;

  constructor(
    private readonly sessions: SessionsRepository,
    role: ReplicaRole,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'session-retention' });
    this.schedule = new CoordinatorSchedule(role, this.logger, 'session retention sweep');
  }

  onApplicationBootstrap() {
    this.schedule.every(SESSION_SWEEP_MS, () => this.sweepPass(new Date()));
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** One sweep now (or the one under way). */
  sweep(now = new Date()): Promise<void> {
    return this.schedule.run(() => this.sweepPass(now));
  }

  private async sweepPass(now: Date): Promise<void> {
    const deleted = await this.sessions.deleteEndedBefore(
      new Date(now.getTime() - ENDED_SESSION_KEEP_MS),
    );
    if (deleted > 0) this.logger.info({ deleted }, 'ended sessions deleted');
  }
}
