import type { AlertRuleType, AlertingRule } from '@podium/protocol/rest';

/** What each rule type watches, and the parameters a new rule starts with. */
export const RULE_TYPES: Record<AlertRuleType, { help: string; example: string }> = {
  WorkflowFailure: {
    help: 'At least `threshold` workflows failed within `period_secs` (optionally one `workflow_name`).',
    example: '{"threshold": 1, "period_secs": 3600}',
  },
  SlowQueue: {
    help: 'A workflow has waited ENQUEUED longer than `threshold_secs` (optionally on one `queue_name`).',
    example: '{"threshold_secs": 300}',
  },
  UnresponsiveApplication: {
    help: 'No executor has been connected for `period_secs`.',
    example: '{"period_secs": 60}',
  },
  ExecutorDied: {
    help: 'An executor was lost and declared dead (not one stopped on purpose, as in a deploy); resolves once it is recovered.',
    example: '{}',
  },
  RecoveryFailed: {
    help: 'Recovering a dead executor’s workflows failed; resolves once it is recovered.',
    example: '{}',
  },
};

/** `threshold=1, period_secs=3600`, or "none". */
export function describeParameters(rule: AlertingRule): string {
  const entries = Object.entries(rule.ruleMetadata);
  return entries.length
    ? entries.map(([key, value]) => `${key}=${String(value)}`).join(', ')
    : 'none';
}
