// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/**
 * The URL name in `/v2/orgs/{org}`: 3–40 of [a-z0-9_-], "-" only between the others. Every
 * DBOS Conductor organization name (3–30 of [a-z0-9_]) is one.
 */
export const ORGANIZATION_NAME_PATTERN = /^[a-z0-9_][a-z0-9_-]{1,38}[a-z0-9_]$/;
export const ORGANIZATION_NAME_RULE =
  '3-40 characters of a-z, 0-9, "_" and "-", not starting or ending with "-"';
