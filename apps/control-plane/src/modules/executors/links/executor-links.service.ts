import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { ResponseOf } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { ApiKeysService } from '../../api-keys/api-keys.service';
import { EventBus } from '../../../infra/events/event-bus';
import { ReplicaIdentity } from '../../../infra/replica/replica-identity';
import type { ExecutorLink, LinkContext } from './executor-link';
import { ExecutorRegistry, type ExecutorIdentity } from '../executor-registry';
import type { ExecutorSnapshot } from '../executor-snapshot';
import { ExecutorsRepository } from '../executors.repository';
import { LogThrottle, suppressedField } from '../../../common/logging/log-throttle';
import { runAt } from '../../../common/time/run-at';
import { PodiumMetrics, type LinkStateCounts } from '../../../infra/metrics/podium-metrics';

/**
 * Close code for links whose access ended: key revoked or expired, or application deleted
 * (informational: executors ignore codes, and reconnect to be refused).
 */
export const CLOSE_ACCESS_REVOKED = 4001;

/** Close code for links of a control plane that is stopping (executors redial elsewhere). */
export const CLOSE_SERVICE_RESTART = 1012;

/**
 * Executor lifecycle: the executor_info handshake, CONNECTED/DISCONNECTED
 * records, and closing links whose API key stops being valid or whose application is deleted.
 * What follows a disconnection (DEAD, recovery) is ExecutorRecoveryService's.
 */
@Injectable()
export class ExecutorLinksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly unsubscribers: Array<() => void>;
  /**
   * Every link from its upgrade until it closes, handshake and recording included: what
   * revocation and application deletion walk. The registry holds only attached ones.
   */
  private readonly links = new Set<ExecutorLink>();
  /** Disconnections being recorded: a stopping replica waits for them (see closeAll). */
  private readonly recording = new Set<Promise<void>>();
  /** Handshakes failing in a loop (a broken deploy) log a few lines a minute. */
  private readonly throttle = new LogThrottle();
  private recheckTimer?: NodeJS.Timeout;

  constructor(
    private readonly registry: ExecutorRegistry,
    private readonly executors: ExecutorsRepository,
    private readonly events: EventBus,
    private readonly apiKeys: ApiKeysService,
    private readonly replica: ReplicaIdentity,
    metrics: PodiumMetrics,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    metrics.observeExecutorLinks(() => this.countByState());
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

  /**
   * Every ping interval, each open link's key and application are read again: the backstop for
   * a revocation or deletion whose announcement this replica missed (Redis pub/sub delivers at
   * most once, and not while a subscriber reconnects). One read per key and application.
   */
  onApplicationBootstrap() {
    this.recheckTimer = setInterval(
      () => void this.recheckAccess(),
      this.config.executors.pingIntervalMs,
    );
    this.recheckTimer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.recheckTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  private async recheckAccess(): Promise<void> {
    const grants = new Map<string, LinkContext>();
    for (const { context } of this.links) {
      grants.set(grantOf(context), context);
    }
    for (const [grant, context] of grants) {
      const authorized = await this.apiKeys
        .isExecutorLinkStillAuthorized(context)
        .catch((error: unknown) => {
          this.logger.warn({ err: String(error) }, 'could not re-check executor links: kept');
          return true;
        });
      if (authorized) continue;
      this.closeLinks((other) => grantOf(other) === grant, 'access ended (found at a re-check)');
    }
  }

  /**
   * Closes every link (this control plane is stopping) and resolves once each disconnection
   * is recorded: the rows say DISCONNECTED, with a grace period that the executors, redialing
   * another replica, beat. A link that ignores the close is cut after a second.
   */
  async closeAll(): Promise<void> {
    const closing = [...this.links].map(
      (link) =>
        new Promise<void>((resolve) => {
          link.onClose(resolve);
          link.close(CLOSE_SERVICE_RESTART, 'control plane stopping');
        }),
    );
    await Promise.all(closing);
    await Promise.all([...this.recording]);
  }

  /**
   * Takes over a freshly upgraded link: asks who it is, records it, tracks it until it closes.
   * Call it synchronously from the upgrade callback, so the link hears revocations from then on.
   */
  async attach(link: ExecutorLink, keyExpiresAt: Date | null): Promise<void> {
    const log = this.logger.child({ linkId: link.id, appName: link.context.appName });
    this.links.add(link);
    link.onClose(() => this.links.delete(link));
    if (keyExpiresAt) this.closeAt(link, keyExpiresAt);
    let identity: ExecutorIdentity;
    try {
      identity = toIdentity(await link.request('executor_info'));
    } catch (error) {
      const admitted = this.throttle.admit(`${link.context.applicationId}/handshake`);
      if (admitted) {
        log.warn(
          { err: String(error), ...suppressedField(admitted) },
          'executor_info handshake failed: closing link',
        );
      }
      link.close(1011, 'executor_info handshake failed');
      return;
    }
    // The key was checked before the upgrade; a revocation (or app deletion) committed since,
    // but announced before the link was in `links`, reached nobody. Asked after joining `links`,
    // the database sees any revocation that this link did not hear.
    if (!(await this.apiKeys.isExecutorLinkStillAuthorized(link.context))) {
      log.info('access ended while the executor was connecting: closing link');
      link.close(CLOSE_ACCESS_REVOKED, 'access ended while connecting');
      return;
    }
    if (!link.isOpen) return;
    const connectedAt = new Date();
    const createdAt = await this.executors.recordConnected(
      link.context,
      identity,
      connectedAt,
      this.replica.id,
    );
    const times = { createdAt, connectedAt };
    this.registry.add({ link, identity });
    this.events.emit('executor.connected', snapshotOf(link, identity, times, null));
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
      this.registry.remove(link, disconnectedAt);
      log.info({ executorId: identity.executorId, stopped: link.stopped }, 'executor disconnected');
      // Announced once recorded: recovery reads the disconnection (and its deadline) back.
      // Not when the row belongs to a newer link already (the executor redialled, here or on
      // another replica, before this one was found closed): that would hide the live link.
      const recorded = this.executors
        .recordDisconnected(
          link.context,
          identity.executorId,
          connectedAt,
          disconnectedAt,
          link.stopped,
        )
        .catch((error: unknown) => {
          log.error({ err: String(error) }, 'could not record disconnection');
          return true; // unknown: announced, as the link did close
        })
        .then((ours) => {
          if (!ours) return;
          this.events.emit(
            'executor.disconnected',
            snapshotOf(link, identity, times, disconnectedAt),
          );
        })
        .catch((error: unknown) =>
          log.error({ err: String(error) }, 'executor.disconnected listener failed'),
        );
      this.recording.add(recorded);
      void recorded.finally(() => this.recording.delete(recorded));
    });
  }

  /** The application's open links on this replica, in their handshake or attached. */
  openLinks(applicationId: string): number {
    let count = 0;
    for (const link of this.links) {
      if (link.context.applicationId === applicationId && link.isOpen) count += 1;
    }
    return count;
  }

  /** Links from their upgrade to their close: in the handshake, attached and open, closing. */
  private countByState(): LinkStateCounts {
    const counts = { handshake: 0, connected: 0, closing: 0 };
    const attached = new Set(this.registry.all().map((executor) => executor.link));
    for (const link of this.links) {
      if (!link.isOpen) counts.closing += 1;
      else if (attached.has(link)) counts.connected += 1;
      else counts.handshake += 1;
    }
    return counts;
  }

  /** Closes every link (attached or still in its handshake) whose context matches. */
  private closeLinks(matches: (context: LinkContext) => boolean, reason: string) {
    for (const link of [...this.links]) {
      if (matches(link.context)) link.close(CLOSE_ACCESS_REVOKED, reason);
    }
  }

  /** Closes the link when its key expires (however far away: see runAt). */
  private closeAt(link: ExecutorLink, expiresAt: Date) {
    const cancel = runAt(expiresAt, () => link.close(CLOSE_ACCESS_REVOKED, 'API key expired'));
    link.onClose(cancel);
  }
}

/** The executor of a link that just opened, or (with `disconnectedAt`) just closed. */
function snapshotOf(
  link: ExecutorLink,
  identity: ExecutorIdentity,
  { createdAt, connectedAt }: { createdAt: Date; connectedAt: Date },
  disconnectedAt: Date | null,
): ExecutorSnapshot {
  const { organizationId, applicationId } = link.context;
  return {
    organizationId,
    applicationId,
    ...identity,
    status: disconnectedAt ? 'DISCONNECTED' : 'CONNECTED',
    createdAt,
    connectedAt,
    disconnectedAt,
    lastSeenAt: disconnectedAt ?? connectedAt,
    deadAt: null,
    recoveredAt: null,
    stopped: disconnectedAt !== null && link.stopped,
  };
}

function toIdentity(info: ResponseOf<'executor_info'>): ExecutorIdentity {
  if (info.error_message) throw new Error(`executor_info failed: ${info.error_message}`);
  return {
    executorId: info.executor_id,
    applicationVersion: info.application_version,
    hostname: info.hostname ?? null,
    language: info.language ?? null,
    sdkVersion: info.dbos_version ?? null,
    metadata: info.executor_metadata ?? null,
  };
}

/** What a link's access rests on: its key, for its application. */
function grantOf(context: LinkContext): string {
  return `${context.apiKeyId}/${context.applicationId}`;
}
