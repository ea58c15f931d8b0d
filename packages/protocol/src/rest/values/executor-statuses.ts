// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** An executor's status: DBOS Conductor's three, then Podium's STOPPED (see `ExecutorStatusSchema`). */
export const EXECUTOR_STATUSES = ['HEALTHY', 'DISCONNECTED', 'DEAD', 'STOPPED'] as const;
