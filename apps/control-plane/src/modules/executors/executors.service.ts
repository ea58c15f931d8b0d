import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ResponseOf } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { EventBus, type ExecutorLinkEvent } from '../../infra/events/event-bus';
import type { ExecutorLink, LinkContext } from './executor-link';
import { ExecutorRegistry, type ExecutorIdentity } from './executor-registry';
import { ExecutorsRepository } from './executors.repository';

/**
 * Close code for links whose access ended: key revoked or expired, or application deleted
 * (informational: executors ignore codes, and reconnect to be refused).
 */
export const CLOSE_ACCESS_REVOKED = 4001;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Executor lifecycle: the executor_info handshake, CONNECTED/DISCONNECTED
 * records, and closing links whose API key stops being valid or whose application is deleted.
 * What follows a disconnection (DEAD, recovery) is ExecutorRecoveryService's.
 */
@Injectable()
export class ExecutorsService implements OnModuleDestroy {
  private readonly unsubscribers: Array<() => void>;
  /** Links between the upgrade and the end of the handshake (not yet in the registry). */
  private readonly attaching = new Set<ExecutorLink>();

  constructor(
    private readonly registry: ExecutorRegistry,
    private readonly executors: ExecutorsRepository,
    private readonly events: EventBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.unsubscribers = [
      events.on('api-key.revoked', ({ apiKeyId }) =>
        this.closeLinks((context) => context.apiKeyId === apiKeyId, 'API key revoked'),
      ),
      events.on('application.deleted', ({ applicationId }) =>
        this.closeLinks(
          (context) => context.applicationId === applicationId,
          'application deleted',
        ),
      ),
    ];
  }

  onModuleDestroy() {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /** Takes over a freshly upgraded link: asks who it is, records it, tracks it until it closes. */
  async attach(link: ExecutorLink, keyExpiresAt: Date | null): Promise<void> {
    const log = this.logger.child({ linkId: link.id, appName: link.context.appName });
    if (keyExpiresAt) this.closeAt(link, keyExpiresAt);
    let identity: ExecutorIdentity;
    this.attaching.add(link);
    try {
      identity = toIdentity(await link.request('executor_info'));
    } catch (error) {
      log.warn({ err: String(error) }, 'executor_info handshake failed: closing link');
      link.close(1011, 'executor_info handshake failed');
      return;
    } finally {
      this.attaching.delete(link);
    }
    if (!link.isOpen) return;
    const connectedAt = new Date();
    await this.executors.recordConnected(link.context, identity, connectedAt);
    this.registry.add({ link, identity });
    this.events.emit('executor.connected', linkEvent(link, identity, connectedAt, null));
    log.info(
      {
        executorId: identity.executorId,
        version: identity.applicationVersion,
        language: identity.language,
      },
      'executor connected',
    );
    link.onClose(() => {
      const disconnectedAt = new Date();
      this.registry.remove(link);
      log.info({ executorId: identity.executorId }, 'executor disconnected');
      // Announced once recorded: recovery reads the disconnection (and its deadline) back.
      this.executors
        .recordDisconnected(link.context, identity.executorId, connectedAt, disconnectedAt)
        .catch((error: unknown) =>
          log.error({ err: String(error) }, 'could not record disconnection'),
        )
        .then(() =>
          this.events.emit(
            'executor.disconnected',
            linkEvent(link, identity, connectedAt, disconnectedAt),
          ),
        )
        .catch((error: unknown) =>
          log.error({ err: String(error) }, 'executor.disconnected listener failed'),
        );
    });
  }

  /** Closes every link (attached or still in its handshake) whose context matches. */
  private closeLinks(matches: (context: LinkContext) => boolean, reason: string) {
    const links = [...this.registry.all().map((e) => e.link), ...this.attaching];
    for (const link of links) if (matches(link.context)) link.close(CLOSE_ACCESS_REVOKED, reason);
  }

  private closeAt(link: ExecutorLink, expiresAt: Date) {
    const timer = setTimeout(
      () => link.close(CLOSE_ACCESS_REVOKED, 'API key expired'),
      Math.min(Math.max(expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS),
    );
    timer.unref();
    link.onClose(() => clearTimeout(timer));
  }
}

function linkEvent(
  link: ExecutorLink,
  identity: ExecutorIdentity,
  connectedAt: Date,
  disconnectedAt: Date | null,
): ExecutorLinkEvent {
  const { organizationId, applicationId } = link.context;
  return {
    organizationId,
    applicationId,
    linkId: link.id,
    ...identity,
    connectedAt,
    disconnectedAt,
  };
}

function toIdentity(info: ResponseOf<'executor_info'>): ExecutorIdentity {
  if (info.error_message) throw new Error(`executor_info failed: ${info.error_message}`);
  return {
    executorId: info.executor_id,
    applicationVersion: info.application_version,
    hostname: info.hostname ?? null,
    language: info.language,
    sdkVersion: info.dbos_version,
    metadata: info.executor_metadata ?? null,
  };
}
