// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/**
 * Console sessions live in HttpOnly cookies. State-changing requests authenticated by those
 * cookies must echo the (readable) CSRF cookie in this header; Bearer requests are exempt.
 */
export const CSRF_HEADER = 'X-CSRF-Token';
export const CSRF_COOKIE = 'podium_csrf';
