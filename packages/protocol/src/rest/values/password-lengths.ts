// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** Shorter passwords are refused at registration (length beats composition rules). */
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the work a single request can ask the password hash to do. */
export const MAX_PASSWORD_LENGTH = 256;
