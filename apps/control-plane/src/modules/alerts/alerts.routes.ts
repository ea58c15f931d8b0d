import {
  AlertWebhookPathSchema,
  AlertingRulePathSchema,
  AlertingRuleSchema,
  CreateAlertWebhookRequestSchema,
  CreateAlertWebhookResponseSchema,
  CreateAlertingRuleRequestSchema,
  UpdateAlertingRuleRequestSchema,
  ListAlertDeliveriesQuerySchema,
  ListAlertDeliveriesResponseSchema,
  ListAlertWebhooksResponseSchema,
  ListAlertingRulesResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { ALERT_ACTIONS as ACTIONS } from './alert-actions';

const app = '/v2/orgs/{org}/apps/{app}';
const rules = `${app}/alerting-rules`;
const appHooks = `${app}/alert-webhooks`;
const orgHooks = '/v2/orgs/{org}/alert-webhooks';
const tag = 'Alerting';
const SIGNED =
  'Each alert is POSTed as JSON signed with the secret: `Podium-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; `slack` bodies are `{"text": ...}`. Failed attempts are retried with exponential backoff.';

/** What an application's webhook routes and the organization's share. */
const listWebhooks = { tag, access: 'admin', response: ListAlertWebhooksResponseSchema } as const;
const createWebhook = {
  description: SIGNED,
  tag,
  access: 'admin',
  status: 201,
  body: CreateAlertWebhookRequestSchema,
  response: CreateAlertWebhookResponseSchema,
  errors: ['QUOTA_EXCEEDED'],
  audit: { action: ACTIONS.webhookCreate },
} as const;
const deleteWebhook = {
  tag,
  access: 'admin',
  status: 204,
  params: AlertWebhookPathSchema,
  audit: { action: ACTIONS.webhookDelete, targetParam: 'webhookId' },
} as const;

/** Alerting rules (DBOS Conductor's operations), webhooks and the delivery log. */
export const ALERT_ROUTES = routeTable({
  listAlertingRules: {
    method: 'get',
    path: rules,
    summary: "List the application's alerting rules, with their state",
    tag,
    access: 'read',
    response: ListAlertingRulesResponseSchema,
  },
  createAlertingRule: {
    method: 'post',
    path: rules,
    summary: 'Create an alerting rule',
    description:
      'Rule types: WorkflowFailure {threshold, period_secs, workflow_name?}, SlowQueue {threshold_secs, queue_name?}, UnresponsiveApplication {period_secs} (DBOS Conductor’s), and Podium’s ExecutorDied {} (an executor lost, not one stopped on purpose) and RecoveryFailed {}. Firing sends the `alert` message to an executor of the receiving application and POSTs to the webhooks.',
    tag,
    access: 'admin',
    status: 201,
    body: CreateAlertingRuleRequestSchema,
    response: AlertingRuleSchema,
    errors: ['QUOTA_EXCEEDED'],
    audit: { action: ACTIONS.ruleCreate },
  },
  updateAlertingRule: {
    method: 'patch',
    path: `${rules}/{ruleId}`,
    summary: "Change an alerting rule's parameters, receiver or minimum interval",
    description:
      'Podium’s own (DBOS Conductor has no update). The rule keeps its type and its state; `ruleMetadata` replaces the parameters whole.',
    tag,
    access: 'admin',
    params: AlertingRulePathSchema,
    body: UpdateAlertingRuleRequestSchema,
    response: AlertingRuleSchema,
    audit: { action: ACTIONS.ruleUpdate, targetParam: 'ruleId' },
  },
  deleteAlertingRule: {
    method: 'delete',
    path: `${rules}/{ruleId}`,
    summary: 'Delete an alerting rule',
    tag,
    access: 'admin',
    status: 204,
    params: AlertingRulePathSchema,
    audit: { action: ACTIONS.ruleDelete, targetParam: 'ruleId' },
  },
  listAppAlertWebhooks: {
    method: 'get',
    path: appHooks,
    summary: "List the application's own alert webhooks",
    ...listWebhooks,
  },
  createAppAlertWebhook: {
    method: 'post',
    path: appHooks,
    summary: "Add a webhook for the application's alerts (its secret is shown once)",
    ...createWebhook,
  },
  deleteAppAlertWebhook: {
    method: 'delete',
    path: `${appHooks}/{webhookId}`,
    summary: 'Remove an application alert webhook',
    ...deleteWebhook,
  },
  listOrgAlertWebhooks: {
    method: 'get',
    path: orgHooks,
    summary: "List the organization's alert webhooks (for all its applications)",
    ...listWebhooks,
  },
  createOrgAlertWebhook: {
    method: 'post',
    path: orgHooks,
    summary: 'Add a webhook for every application’s alerts (its secret is shown once)',
    ...createWebhook,
  },
  deleteOrgAlertWebhook: {
    method: 'delete',
    path: `${orgHooks}/{webhookId}`,
    summary: 'Remove an organization alert webhook',
    ...deleteWebhook,
  },
  listAlertDeliveries: {
    method: 'get',
    path: `${app}/alert-deliveries`,
    summary: "The application's recent alert notifications, newest first, each with its attempts",
    tag,
    access: 'read',
    query: ListAlertDeliveriesQuerySchema,
    response: ListAlertDeliveriesResponseSchema,
  },
});
