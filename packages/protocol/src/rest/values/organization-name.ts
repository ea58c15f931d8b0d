// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** The URL name in `/v2/orgs/{org}`: 3–40 of [a-z0-9-], starting and ending alphanumeric. */
export const ORGANIZATION_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
