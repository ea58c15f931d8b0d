// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** What happened; `audit` entries (operator actions) are listed to admins only, as the log is. */
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
