import { Inject, Injectable } from '@nestjs/common';
import type { LiveEvent } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { EventBus, type ExecutorLinkEvent } from '../../infra/events/event-bus';
import { mapLinkEvent } from '../fleet/executor.mapper';
import { FleetService } from '../fleet/fleet.service';
import type { AppScope } from '../../common/auth/app-scope';
import { LiveSession } from './live-session';

/** Live changes of one application: executor links opening and closing. */
@Injectable()
export class LiveService {
  constructor(
    private readonly events: EventBus,
    private readonly fleet: FleetService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Subscribes first, then reads the snapshot, so no change falls between the two. */
  async open(scope: AppScope): Promise<LiveSession> {
    const unsubscribers: Array<() => void> = [];
    const session = new LiveSession(() => unsubscribers.forEach((off) => off()));
    const forApp =
      (type: 'executor.connected' | 'executor.disconnected') => (event: ExecutorLinkEvent) => {
        if (
          event.applicationId !== scope.applicationId ||
          event.organizationId !== scope.organizationId
        )
          return;
        const at = (event.disconnectedAt ?? event.connectedAt).toISOString();
        // A listener must never throw into the emitter (that is the executor lifecycle).
        try {
          session.push({ type, at, executor: mapLinkEvent(event) });
        } catch (error) {
          this.logger.warn({ err: String(error) }, 'live event not delivered');
        }
      };
    unsubscribers.push(
      this.events.on('executor.connected', forApp('executor.connected')),
      this.events.on('executor.disconnected', forApp('executor.disconnected')),
    );
    try {
      const executors = await this.fleet.findConnectedExecutors(scope);
      const snapshot: LiveEvent = { type: 'snapshot', at: new Date().toISOString(), executors };
      session.pushFirst(snapshot);
      return session;
    } catch (error) {
      session.close();
      throw error;
    }
  }
}
