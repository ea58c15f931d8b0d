// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** The name executors connect with (DBOS `appName`). */
export const APPLICATION_NAME_PATTERN = /^[a-z0-9_-]{3,30}$/;
export const DEFAULT_EXECUTOR_TIMEOUT_SECS = 60;
export const MIN_EXECUTOR_TIMEOUT_SECS = 5;
export const MAX_EXECUTOR_TIMEOUT_SECS = 86_400;
