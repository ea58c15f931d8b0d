import {
  AlertDeliveryAttemptSchema,
  type AlertDelivery,
  type AlertRuleType,
  type AlertWebhook,
  type AlertWebhookFormat,
  type AlertingRule,
} from '@podium/protocol';
import { z } from 'zod';
import type { AlertDeliveryRecord, AlertRuleRecord, AlertWebhookRecord } from './alerts.repository';

/** A rule row → DBOS's `AlertingRule` (plus its state). */
export function mapAlertingRule(rule: AlertRuleRecord): AlertingRule {
  return {
    id: rule.id,
    appId: rule.applicationId,
    receivingAppId: rule.receivingApplicationId,
    ruleType: rule.ruleType as AlertRuleType,
    ruleMetadata: (rule.ruleMetadata ?? {}) as Record<string, unknown>,
    minIntervalSecs: rule.minIntervalSecs,
    lastFiredAt: rule.lastFiredAt?.toISOString() ?? null,
    state: rule.state,
    stateChangedAt: rule.stateChangedAt?.toISOString() ?? null,
    createdAt: rule.createdAt.toISOString(),
  };
}

/** Never the secret, not even encrypted: its prefix only. */
export function mapAlertWebhook(webhook: AlertWebhookRecord): AlertWebhook {
  return {
    id: webhook.id,
    url: webhook.url,
    format: webhook.format as AlertWebhookFormat,
    appId: webhook.applicationId,
    secretPrefix: webhook.secretPrefix,
    createdAt: webhook.createdAt.toISOString(),
  };
}

const Attempts = z.array(AlertDeliveryAttemptSchema).catch([]);

export function mapAlertDelivery(delivery: AlertDeliveryRecord): AlertDelivery {
  return {
    id: delivery.id,
    ruleId: delivery.ruleId,
    ruleType: delivery.ruleType as AlertRuleType,
    event: delivery.event as AlertDelivery['event'],
    channel: delivery.channel as AlertDelivery['channel'],
    webhookId: delivery.webhookId,
    target: delivery.target,
    message: delivery.message,
    status: delivery.status as AlertDelivery['status'],
    attempts: Attempts.parse(delivery.attempts),
    createdAt: delivery.createdAt.toISOString(),
  };
}
