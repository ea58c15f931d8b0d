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

/**
 * Never the secret, not even encrypted: its prefix only. Nor the whole URL, which may carry a
 * token (Slack's do) that anyone listing webhooks could post with: see shownUrl. The create
 * response alone gives it whole, to whoever just sent it. `url`: the stored one opened (null
 * when it cannot be: see WebhookSecretBox).
 */
export function mapAlertWebhook(webhook: AlertWebhookRecord, url: string | null): AlertWebhook {
  return {
    id: webhook.id,
    url: url === null ? UNREADABLE_URL : shownUrl(url),
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

/** What a list shows for a URL sealed with another session secret. */
export const UNREADABLE_URL = 'unreadable (the session secret changed): re-create this webhook';

/**
 * A webhook URL as listed: its origin, the path and query (where tokens go: Slack's
 * `/services/T…/B…/secret`, ntfy's topic, …) replaced by `…`. The signing secret's prefix tells
 * two webhooks to one origin apart.
 */

export function shownUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid URL';
  }
  const hidden = parsed.pathname !== '/' || parsed.search !== '';
  return `${parsed.origin}/${hidden ? '…' : ''}`;
}
