// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** An executor's status: DBOS Conductor's three, and no other (see `ExecutorStatusSchema`). */
export const EXECUTOR_STATUSES = ['HEALTHY', 'DISCONNECTED', 'DEAD'] as const;

/**
 * What an executor list may be filtered by: a status, or Podium's STOPPED (the executors that
 * shut down on purpose and have not come back: `stopped` in the API).
 */
export const EXECUTOR_STATUS_FILTERS = [...EXECUTOR_STATUSES, 'STOPPED'] as const;
