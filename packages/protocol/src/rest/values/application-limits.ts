// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/**
 * The name executors connect with (DBOS `appName`): DBOS's characters, and its newest length
 * limit (its published spec still says 30; an app named under the newer rule must fit here).
 */
export const APPLICATION_NAME_PATTERN = /^[a-z0-9_-]{3,256}$/;
export const APPLICATION_NAME_RULE = '3-256 characters of a-z, 0-9, "-" and "_"';
export const DEFAULT_EXECUTOR_TIMEOUT_SECS = 60;
export const MIN_EXECUTOR_TIMEOUT_SECS = 5;
export const MAX_EXECUTOR_TIMEOUT_SECS = 86_400;
