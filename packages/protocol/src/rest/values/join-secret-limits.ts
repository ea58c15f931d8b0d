// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

export const DEFAULT_JOIN_SECRET_TTL_DAYS = 7;
export const MAX_JOIN_SECRET_TTL_DAYS = 90;
export const MAX_JOIN_SECRET_USES = 1000;
