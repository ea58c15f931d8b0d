// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** Largest page any list endpoint serves. */
export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 50;
/**
 * Largest page of workflows without payloads (list and search): an operator scans a thousand
 * rows at once, and without inputs and outputs such an answer is small.
 */
export const MAX_WORKFLOW_PAGE_LIMIT = 1000;
/**
 * Largest page of workflows with their inputs or outputs: each can be large, and an executor's
 * answer must fit in one WebSocket frame (the control plane also fetches such pages in parts).
 */
export const MAX_PAGE_LIMIT_WITH_PAYLOADS = 100;
