import { Inject, Injectable } from '@nestjs/common';
import type { LiveEvent } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { EventBus } from '../../infra/events/event-bus';
import { type ExecutorSnapshot, changedAt, mapExecutor } from '../executors/executor-snapshot';
import { ExecutorsService } from '../executors/executors.service';
import type { AppScope } from '../../common/auth/app-scope';
import { LiveSession } from './live-session';

/** The executor events a live stream relays, under their own names. */
const EXECUTOR_EVENTS = [
  'executor.connected',
  'executor.disconnected',
  'executor.dead',
  'executor.recovered',
] as const;
type ExecutorEventType = (typeof EXECUTOR_EVENTS)[number];

/** Live changes of one application: executor links opening and closing, deaths, recoveries. */
@Injectable()
export class LiveService {
  constructor(
    private readonly events: EventBus,
    private readonly executors: ExecutorsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Subscribes first, then reads the snapshot, so no change falls between the two. */
  async open(scope: AppScope): Promise<LiveSession> {
    const unsubscribers: Array<() => void> = [];
    const session = new LiveSession(() => unsubscribers.forEach((off) => off()));
    const relay =
      (type: ExecutorEventType) =>
      (event: ExecutorSnapshot): void => {
        if (
          event.applicationId !== scope.applicationId ||
          event.organizationId !== scope.organizationId
        )
          return;
        // A listener must never throw into the emitter (that is the executor lifecycle).
        try {
          session.push({ type, at: changedAt(event).toISOString(), executor: mapExecutor(event) });
        } catch (error) {
          this.logger.warn({ err: String(error) }, 'live event not delivered');
        }
      };
    unsubscribers.push(...EXECUTOR_EVENTS.map((type) => this.events.on(type, relay(type))));
    try {
      const executors = await this.executors.findConnectedExecutors(scope);
      const snapshot: LiveEvent = { type: 'snapshot', at: new Date().toISOString(), executors };
      session.pushFirst(snapshot);
      return session;
    } catch (error) {
      session.close();
      throw error;
    }
  }
}
