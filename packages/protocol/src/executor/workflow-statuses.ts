// Zod-free, like everything the console's browser code imports at run time (see rest/values/).

/** Workflow statuses as DBOS stores and reports them. */
export const WORKFLOW_STATUSES = [
  'PENDING',
  'SUCCESS',
  'ERROR',
  'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
  'CANCELLED',
  'ENQUEUED',
  'DELAYED',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** True when `value` is one of the statuses this package knows (records keep unknown ones as strings). */
export function isWorkflowStatus(value: unknown): value is WorkflowStatus {
  return typeof value === 'string' && (WORKFLOW_STATUSES as readonly string[]).includes(value);
}
