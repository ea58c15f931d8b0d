import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type AlertEvent,
  type AlertRuleType,
  type AlertWebhookFormat,
  type AlertWebhookPayload,
} from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { storableFailure } from '../../audit/storable-failure';
import { ExecutorProxy } from '../../executors/proxy/executor-proxy';
import { type AlertRuleInContext, AlertsRepository } from '../alerts.repository';
import type { AlertFinding } from '../evaluation/alert-finding';
import { WebhookSecretBox } from '../webhooks/webhook-secret-box';
import { supportsAlert } from '../../executors/message-support';
import { WebhookSender, originOf } from './webhook-sender';

/**
 * Sends one notification of a rule to every receiver, each a delivery row: the `alert` message
 * to an executor of the receiving application (FIRING only: DBOS's `alert` has no "resolved"),
 * and a POST to each webhook of the application and of its organization. Returns once the rows
 * exist; executor and webhook traffic continue in the background.
 */
@Injectable()
export class AlertDispatcher {
  private readonly logger: Logger;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly proxy: ExecutorProxy,
    private readonly secrets: WebhookSecretBox,
    private readonly sender: WebhookSender,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alerts' });
  }

  async notify(rule: AlertRuleInContext, event: AlertEvent, finding: AlertFinding): Promise<void> {
    const at = new Date();
    const message = event === 'FIRING' ? finding.message : `Resolved: ${finding.message}`;
    const common = {
      organizationId: rule.organizationId,
      applicationId: rule.applicationId,
      ruleId: rule.id,
      ruleType: rule.ruleType,
      event,
      message,
    };
    if (event === 'FIRING' && !cannotReachItself(rule)) {
      const delivery = await this.alerts.createDelivery({
        ...common,
        channel: 'executor',
        webhookId: null,
        target: rule.receivingApplication.name,
      });
      void this.sendAlertMessage(delivery.id, rule, finding);
    }
    for (const hook of await this.alerts.findWebhooksFor(rule.organizationId, rule.applicationId)) {
      const deliveryId = randomUUID();
      const payload: AlertWebhookPayload = {
        deliveryId,
        event,
        ruleId: rule.id,
        ruleType: rule.ruleType as AlertRuleType,
        organization: rule.application.organization.name,
        application: rule.application.name,
        message,
        metadata: { ...finding.metadata },
        at: at.toISOString(),
      };
      const body = bodyOf(hook.format as AlertWebhookFormat, payload);
      const url = this.secrets.openUrl(hook.url);
      // Stored with its body and leased to this process's sender: if the process stops before
      // the attempts are done, the coordinator resumes them (WebhookResumption).
      await this.alerts.createDelivery({
        ...common,
        id: deliveryId,
        channel: 'webhook',
        webhookId: hook.id,
        target: originOf(url),
        body,
        lease: this.sender.leaseFor(),
      });
      this.sender.send({
        deliveryId,
        url,
        body,
        secret: this.secrets.open(hook.secretEncrypted),
      });
    }
  }

  /** One attempt (a mutation is never sent twice): its outcome is the delivery's. */
  private async sendAlertMessage(
    deliveryId: string,
    rule: AlertRuleInContext,
    finding: AlertFinding,
  ): Promise<void> {
    const at = new Date();
    let outcome: { ok: boolean; error: string | null };
    try {
      const answer = await this.proxy.send(
        rule.receivingApplicationId,
        'alert',
        { name: rule.ruleType, message: finding.message, metadata: { ...finding.metadata } },
        {
          only: {
            accepts: supportsAlert,
            refusal: 'No connected executor runs an SDK that handles the `alert` message.',
          },
        },
      );
      outcome = answer.success
        ? { ok: true, error: null }
        : { ok: false, error: 'The alert handler threw.' };
    } catch (error) {
      // Every member reading the application's deliveries sees it: an executor's words withheld.
      outcome = { ok: false, error: storableFailure(error, this.logger).error };
    }
    const attempt = {
      at: at.toISOString(),
      durationMs: Date.now() - at.getTime(),
      httpStatus: null,
      ...outcome,
    };
    await this.alerts
      .recordAttempt(deliveryId, attempt, outcome.ok ? 'DELIVERED' : 'FAILED')
      .catch((error: unknown) =>
        this.logger.error({ deliveryId, err: String(error) }, 'could not record an alert delivery'),
      );
  }
}

/**
 * An unresponsive application's own executors are the ones not there: its alert goes to
 * webhooks only, unless another application receives it (as DBOS requires).
 */
function cannotReachItself(rule: AlertRuleInContext): boolean {
  return (
    rule.ruleType === 'UnresponsiveApplication' &&
    rule.receivingApplicationId === rule.applicationId
  );
}

/** Podium's JSON, or Slack's incoming-webhook text. */
function bodyOf(format: AlertWebhookFormat, payload: AlertWebhookPayload): string {
  if (format === 'json') return JSON.stringify(payload);
  const where = `${payload.organization}/${payload.application}`;
  return JSON.stringify({
    text: `[${payload.event}] ${payload.ruleType} on ${where}: ${payload.message}`,
  });
}
