// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** Media type of problem bodies. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
