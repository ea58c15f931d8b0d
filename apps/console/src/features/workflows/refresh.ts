/** How often open workflow pages ask again while auto-refresh is on. */
export const WORKFLOWS_REFRESH_MS = 3_000;
