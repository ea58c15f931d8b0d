import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type CreateAlertWebhookRequest,
  type CreateAlertWebhookResponse,
  type ListAlertDeliveriesResponse,
  type ListAlertWebhooksResponse,
} from '@podium/protocol';
import type { AppScope } from '../../../common/auth/app-scope';
import type { OrgScope } from '../../../common/auth/request-context';
import type { ApplicationRecord } from '../../../common/auth/tenancy';
import { SecretKind } from '../../../common/secrets/secret-kind';
import { quotaExceeded } from '../../../common/errors/quota-exceeded';
import { CONFIG, type Config } from '../../../config/config';
import { QUOTA_EXCEEDED } from '../../../infra/database/organization-quota';
import { auditedAction } from '../../audit/audit-actions';
import { AuditService } from '../../audit/audit.service';
import { ALERT_ACTIONS } from '../alert-actions';
import { mapAlertDelivery, mapAlertWebhook } from '../alert.mapper';
import { AlertsRepository } from '../alerts.repository';
import { privateTargetReason } from '../delivery/webhook-targets';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookUrlSealing } from './webhook-url-sealing';

/** Webhook signing secrets: `pwh_<8 hex>_<43 chars>`, shown once. */
const WEBHOOK_SECRETS = new SecretKind('pwh');

/**
 * Webhooks of an organization (`application` null: all its applications) or of one
 * application, and the delivery log of an application's alerts.
 */
@Injectable()
export class AlertWebhooksService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly secrets: WebhookSecretBox,
    private readonly urlSealing: WebhookUrlSealing,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async findWebhooks(
    scope: OrgScope,
    application: ApplicationRecord | null,
  ): Promise<ListAlertWebhooksResponse> {
    const hooks = await this.alerts.findWebhooks(scope.organization.id, application?.id ?? null);
    return hooks.map((hook) => mapAlertWebhook(hook, this.secrets.openUrl(hook.url)));
  }

  createWebhook(
    scope: OrgScope,
    application: ApplicationRecord | null,
    request: CreateAlertWebhookRequest,
  ): Promise<CreateAlertWebhookResponse> {
    // The URL may carry a token (Slack's do): the audit entry keeps its origin only.
    const action = auditedAction(scope, ALERT_ACTIONS.webhookCreate, null, {
      applicationName: application?.name ?? null,
      origin: new URL(request.url).origin,
      format: request.format,
    });
    return this.audit.track(
      action,
      async () => {
        this.assertReachable(new URL(request.url));
        const { secret, prefix } = WEBHOOK_SECRETS.generate();
        const max = this.config.quotas.alertWebhooksPerOrg;
        const created = await this.alerts.createWebhook(
          {
            organizationId: scope.organization.id,
            applicationId: application?.id ?? null,
            url: await this.urlSealing.storedForm(request.url),
            format: request.format,
            secretPrefix: prefix,
            secretEncrypted: this.secrets.seal(secret),
          },
          max,
        );
        if (created === QUOTA_EXCEEDED) throw quotaExceeded('alert webhooks', max);
        return { ...mapAlertWebhook(created, request.url), url: request.url, secret };
      },
      (created) => ({ targetId: created.id }),
    );
  }

  /** Refuses a URL naming a private address unless PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE allows it. */
  private assertReachable(url: URL): void {
    const reason = this.config.alerts.webhookAllowPrivate ? null : privateTargetReason(url);
    if (reason === null) return;
    const message = `${reason}: webhooks reach public addresses only`;
    throw AppError.validation(
      [{ path: 'url', location: 'body.url', message, value: url.origin }],
      `The webhook URL is refused: ${message}, unless an operator sets ` +
        'PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE=true on the control plane.',
    );
  }

  deleteWebhook(
    scope: OrgScope,
    application: ApplicationRecord | null,
    webhookId: string,
  ): Promise<void> {
    const action = auditedAction(scope, ALERT_ACTIONS.webhookDelete, webhookId, {
      applicationName: application?.name ?? null,
    });
    return this.audit.track(action, async () => {
      const deleted = await this.alerts.deleteWebhook(
        scope.organization.id,
        application?.id ?? null,
        webhookId,
      );
      if (!deleted) throw new AppError('NOT_FOUND', `No alert webhook "${webhookId}" here.`);
    });
  }

  async findDeliveries(scope: AppScope, limit: number): Promise<ListAlertDeliveriesResponse> {
    const rows = await this.alerts.findDeliveries(scope.organizationId, scope.applicationId, limit);
    return rows.map(mapAlertDelivery);
  }
}
