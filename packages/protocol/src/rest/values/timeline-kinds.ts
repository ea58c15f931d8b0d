// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/**
 * What happened; `audit` entries (operator actions) are listed only to whoever may read the audit
 * log: a signed-in member with `organization.read`, never an API key.
 */
export const TIMELINE_EVENT_KINDS = [
  'alert.fired',
  'alert.resolved',
  'executor.connected',
  'executor.disconnected',
  'executor.dead',
  'executor.recovered',
  'version.appeared',
  'audit',
] as const;
