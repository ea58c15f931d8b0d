import type {
  AlertingRule,
  CreateAlertWebhookRequest,
  CreateAlertWebhookResponse,
  CreateAlertingRuleRequest,
  ListAlertDeliveriesResponse,
  ListAlertWebhooksResponse,
  ListAlertingRulesResponse,
  UpdateAlertingRuleRequest,
} from '@podium/protocol/rest';
import { getJson, sendJson, sendWithoutContent, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';

const rulesPath = (org: string, app: string) => `${appPath(org, app)}/alerting-rules`;
const hooksPath = (org: string, app: string) => `${appPath(org, app)}/alert-webhooks`;

/** `GET .../alerting-rules`, with each rule's state. */
export function fetchAlertRules(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<ListAlertingRulesResponse> {
  return getJson(rulesPath(org, app), 'ListAlertingRulesResponseSchema', options);
}

export function createAlertRule(
  org: string,
  app: string,
  body: CreateAlertingRuleRequest,
): Promise<AlertingRule> {
  return sendJson('POST', rulesPath(org, app), body, 'AlertingRuleSchema');
}

export function updateAlertRule(
  org: string,
  app: string,
  id: string,
  body: UpdateAlertingRuleRequest,
): Promise<AlertingRule> {
  return sendJson(
    'PATCH',
    `${rulesPath(org, app)}/${encodeURIComponent(id)}`,
    body,
    'AlertingRuleSchema',
  );
}

export function deleteAlertRule(org: string, app: string, id: string): Promise<void> {
  return sendWithoutContent('DELETE', `${rulesPath(org, app)}/${encodeURIComponent(id)}`);
}

/** The application's own webhooks (the organization's apply too). */
export function fetchAlertWebhooks(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<ListAlertWebhooksResponse> {
  return getJson(hooksPath(org, app), 'ListAlertWebhooksResponseSchema', options);
}

/** The only answer that carries the signing secret. */
export function createAlertWebhook(
  org: string,
  app: string,
  body: CreateAlertWebhookRequest,
): Promise<CreateAlertWebhookResponse> {
  return sendJson('POST', hooksPath(org, app), body, 'CreateAlertWebhookResponseSchema');
}

export function deleteAlertWebhook(org: string, app: string, id: string): Promise<void> {
  return sendWithoutContent('DELETE', `${hooksPath(org, app)}/${encodeURIComponent(id)}`);
}

/** Newest first, each with its attempts. */
export function fetchAlertDeliveries(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<ListAlertDeliveriesResponse> {
  return getJson(
    `${appPath(org, app)}/alert-deliveries?limit=50`,
    'ListAlertDeliveriesResponseSchema',
    options,
  );
}
