import type { AuditedAction } from '../../common/routes/route-spec';

/** The audited alerting actions (rules named as DBOS Conductor's audit log names them). */
export const ALERT_ACTIONS = {
  ruleCreate: { name: 'alerting_rule.create', targetType: 'alerting_rule' },
  ruleUpdate: { name: 'alerting_rule.update', targetType: 'alerting_rule' },
  ruleDelete: { name: 'alerting_rule.delete', targetType: 'alerting_rule' },
  webhookCreate: { name: 'alert_webhook.create', targetType: 'alert_webhook' },
  webhookDelete: { name: 'alert_webhook.delete', targetType: 'alert_webhook' },
} as const satisfies Record<string, AuditedAction>;
