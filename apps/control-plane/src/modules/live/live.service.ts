import { Inject, Injectable } from '@nestjs/common';
import type { LiveEvent } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import {
  EventBus,
  type ExecutorFateEvent,
  type ExecutorLinkEvent,
} from '../../infra/events/event-bus';
import { mapFateEvent, mapLinkEvent } from '../executors/executor.mapper';
import { ExecutorsService } from '../executors/executors.service';
import type { AppScope } from '../../common/auth/app-scope';
import { LiveSession } from './live-session';

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
    const forApp =
      <E extends { organizationId: string; applicationId: string }>(
        toEvent: (event: E) => LiveEvent,
      ) =>
      (event: E) => {
        if (
          event.applicationId !== scope.applicationId ||
          event.organizationId !== scope.organizationId
        )
          return;
        // A listener must never throw into the emitter (that is the executor lifecycle).
        try {
          session.push(toEvent(event));
        } catch (error) {
          this.logger.warn({ err: String(error) }, 'live event not delivered');
        }
      };
    const link = (type: 'executor.connected' | 'executor.disconnected') =>
      forApp((event: ExecutorLinkEvent) => ({
        type,
        at: (event.disconnectedAt ?? event.connectedAt).toISOString(),
        executor: mapLinkEvent(event),
      }));
    const fate = (type: 'executor.dead' | 'executor.recovered') =>
      forApp((event: ExecutorFateEvent) => ({
        type,
        at: (event.recoveredAt ?? event.deadAt).toISOString(),
        executor: mapFateEvent(event),
      }));
    unsubscribers.push(
      this.events.on('executor.connected', link('executor.connected')),
      this.events.on('executor.disconnected', link('executor.disconnected')),
      this.events.on('executor.dead', fate('executor.dead')),
      this.events.on('executor.recovered', fate('executor.recovered')),
    );
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
