import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { Operator } from '../../common/auth/app-scope';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { EventBus } from '../../infra/events/event-bus';
import { ApiKeysService, reaches } from '../api-keys/api-keys.service';
import { ApplicationRecordsService } from '../applications/application-records.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { SessionAuthenticator } from '../sessions/session-authenticator';
import { LiveStreams } from './live-streams';

/**
 * A live stream lasts as long as its caller's right to read the application, not just its
 * first request's. Streams end at once when their key is revoked, their session ends, their
 * member leaves the organization or the application is deleted; and every
 * `live.recheckMs` each holder is re-authorized from the database, as a backstop for whatever
 * no event announces (a session's idle expiry, a key's expiry).
 */
@Injectable()
export class LiveAccessWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly unsubscribers: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    private readonly streams: LiveStreams,
    private readonly events: EventBus,
    private readonly apiKeys: ApiKeysService,
    private readonly applications: ApplicationRecordsService,
    private readonly organizations: OrganizationsService,
    private readonly sessions: SessionAuthenticator,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap() {
    const close = (why: string, matches: (holder: Operator) => boolean) => {
      const closed = this.streams.closeWhere(matches);
      if (closed > 0) this.logger.info({ closed, why }, 'live streams ended');
    };
    this.unsubscribers.push(
      this.events.on('api-key.revoked', ({ apiKeyId }) =>
        close('API key revoked', ({ principal }) =>
          principal.kind === 'api-key' ? principal.apiKey.id === apiKeyId : false,
        ),
      ),
      this.events.on('session.ended', ({ sessionId }) =>
        close('session ended', ({ principal }) =>
          principal.kind === 'user' ? principal.sessionId === sessionId : false,
        ),
      ),
      this.events.on('member.removed', ({ organizationId, userId }) =>
        close(
          'member removed',
          (holder) =>
            holder.organizationId === organizationId &&
            holder.principal.kind === 'user' &&
            holder.principal.userId === userId,
        ),
      ),
      this.events.on('application.deleted', ({ applicationId }) =>
        close('application deleted', (holder) => holder.applicationId === applicationId),
      ),
    );
    this.timer = setInterval(() => void this.recheck(), this.config.live.recheckMs);
    this.timer.unref();
  }

  beforeApplicationShutdown() {
    clearInterval(this.timer);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  /** Re-authorizes every holder (once per distinct holder); passes never overlap. */
  recheck(): Promise<void> {
    this.checking ??= this.recheckAll()
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error) }, 'live stream re-check failed: retrying later'),
      )
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async recheckAll() {
    const holders = new Map(this.streams.holders().map((h) => [holderKey(h), h]));
    for (const [key, holder] of holders) {
      if (await this.mayStillRead(holder)) continue;
      const closed = this.streams.closeWhere((h) => holderKey(h) === key);
      this.logger.info({ closed, why: 'access ended' }, 'live streams ended');
    }
  }

  private async mayStillRead({ organizationId, applicationId, principal }: Operator) {
    if (!(await this.applications.findOneById(organizationId, applicationId))) return false;
    if (principal.kind === 'user') {
      const [signedIn, role] = await Promise.all([
        this.sessions.isStillSignedIn(principal),
        this.organizations.findOneRole(organizationId, principal.userId),
      ]);
      // A grant of a role without application.read ends the stream too.
      return signedIn && role !== null && role.permissions.includes('application.read');
    }
    const key = await this.apiKeys.findOneLiveKey(organizationId, principal.apiKey.id);
    return (
      key !== null && key.permissions.includes('application.read') && reaches(key, applicationId)
    );
  }
}

function holderKey({ applicationId, principal }: Operator): string {
  const who = principal.kind === 'user' ? principal.sessionId : principal.apiKey.id;
  return `${applicationId}/${principal.kind}/${who}`;
}
