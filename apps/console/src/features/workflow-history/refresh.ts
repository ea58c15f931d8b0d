/** How often a workflow page asks again for its events, messages and streams. */
export const HISTORY_REFRESH_MS = 5_000;
