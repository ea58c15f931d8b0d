import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { CoordinatorSchedule } from '../../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../../infra/replica/replica-role';
import { AlertsRepository, type ClaimedDelivery } from '../alerts.repository';
import { WebhookSecretBox } from '../webhooks/webhook-secret-box';
import { WebhookSender } from './webhook-sender';

/** Deliveries claimed per pass; the rest wait for the next. */
const CLAIM_BATCH = 100;

/**
 * Webhook deliveries whose process stopped or died between attempts (a deploy, a crash): every
 * PODIUM_ALERT_WEBHOOK_RESUME_SWEEP_MS the coordinator claims those whose lease has passed and
 * hands them to its own sender, which goes on from the attempts already made. A delivery whose
 * webhook was deleted meanwhile, or that predates stored bodies, fails saying so.
 */
@Injectable()
export class WebhookResumption implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly schedule: CoordinatorSchedule;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly sender: WebhookSender,
    private readonly secrets: WebhookSecretBox,
    role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alert-webhooks' });
    this.schedule = new CoordinatorSchedule(role, this.logger, 'webhook resumption sweep');
  }

  onApplicationBootstrap() {
    this.schedule.every(this.config.alerts.webhookResumeSweepMs, () => this.resumePass());
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** One pass now (or the one under way). */
  resumeAbandoned(): Promise<void> {
    return this.schedule.run(() => this.resumePass());
  }

  private async resumePass(): Promise<void> {
    const claimed = await this.alerts.claimAbandoned(
      this.sender.leaseFor(),
      new Date(),
      CLAIM_BATCH,
    );
    for (const delivery of claimed) {
      if (this.schedule.stopped) return; // still leased: the next coordinator takes it over
      await this.resume(delivery);
    }
  }

  private async resume(delivery: ClaimedDelivery): Promise<void> {
    const hook = delivery.webhookId ? await this.alerts.findWebhook(delivery.webhookId) : null;
    if (!hook || delivery.body === null) {
      const error = hook
        ? 'Abandoned by its process before bodies were kept: cannot be retried.'
        : 'The webhook was deleted before the delivery could be retried.';
      const at = new Date().toISOString();
      await this.alerts.recordAttempt(
        delivery.id,
        { at, ok: false, httpStatus: null, error, durationMs: 0 },
        'FAILED',
      );
      return;
    }
    this.logger.info(
      { deliveryId: delivery.id, attemptsMade: delivery.attemptCount },
      'resuming a webhook delivery its process abandoned',
    );
    this.sender.send({
      deliveryId: delivery.id,
      url: this.secrets.openUrl(hook.url),
      body: delivery.body,
      secret: this.secrets.open(hook.secretEncrypted),
      attemptsMade: delivery.attemptCount,
    });
  }
}
