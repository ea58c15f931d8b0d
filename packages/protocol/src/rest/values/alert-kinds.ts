// Zod-free (see permission-names.ts): the console's browser code imports these at run time.
/** DBOS's three rule types, then Podium's two, driven by executor deaths and recoveries. */
export const ALERT_RULE_TYPES = [
  'WorkflowFailure',
  'SlowQueue',
  'UnresponsiveApplication',
  'ExecutorDied',
  'RecoveryFailed',
] as const;

/** How a webhook's body is written: Podium's JSON, or Slack's incoming-webhook `{text}`. */
export const ALERT_WEBHOOK_FORMATS = ['json', 'slack'] as const;
