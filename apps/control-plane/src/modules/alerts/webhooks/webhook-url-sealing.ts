import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CoordinatorSchedule } from '../../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../../infra/replica/replica-role';
import { ReplicaFleet } from '../../replicas/replica-fleet';
import { AlertsRepository } from '../alerts.repository';
import { WebhookSecretBox } from './webhook-secret-box';

/** How often the coordinator looks for URLs still plain (a rolling upgrade may have held them). */
export const URL_SEALING_SWEEP_MS = 60_000;

/**
 * Webhook URLs are stored sealed (WebhookSecretBox) once every live replica can read them so:
 * during a rolling upgrade, replicas of older versions (the coordinator, which sends alerts,
 * among them) read the URL as it is stored. Until then new URLs are stored plain; at boot and
 * then every minute on the coordinator, URLs still plain are sealed once no live replica lacks
 * `sealed-webhook-urls`, each unless another replica sealed it meanwhile.
 */
@Injectable()
export class WebhookUrlSealing implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly schedule: CoordinatorSchedule;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly fleet: ReplicaFleet,
    private readonly secrets: WebhookSecretBox,
    role: ReplicaRole,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'webhook-url-sealing' });
    this.schedule = new CoordinatorSchedule(role, this.logger, 'webhook URL sealing');
  }

  async onApplicationBootstrap(): Promise<void> {
    this.schedule.every(URL_SEALING_SWEEP_MS, () => this.sealPass());
    await this.schedule.run(() => this.sealPass());
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** How a new webhook's URL is stored: sealed, unless a live replica could not read it so. */
  async storedForm(url: string): Promise<string> {
    const sealable = await this.fleet.everyLiveReplicaHas('sealed-webhook-urls');
    return sealable ? this.secrets.seal(url) : url;
  }

  /** Seals the URLs still plain if every live replica reads sealed ones; how many it sealed. */
  async sealPlainUrls(): Promise<number> {
    // Plain URLs first: once all are sealed, which is most minutes, the fleet is not asked.
    const plain = await this.alerts.findPlainUrlWebhooks();
    if (plain.length === 0) return 0;
    if (!(await this.fleet.everyLiveReplicaHas('sealed-webhook-urls'))) return 0;
    let sealed = 0;
    for (const { id, url } of plain) {
      if (await this.alerts.replaceWebhookUrl(id, url, this.secrets.seal(url))) sealed += 1;
    }
    return sealed;
  }

  private async sealPass(): Promise<void> {
    const sealed = await this.sealPlainUrls();
    if (sealed > 0) this.logger.info({ sealed }, 'sealed webhook URLs stored plain');
  }
}
