/** What an API key may do. A key holds a subset; an empty application list means all apps. */
export const API_KEY_PERMISSIONS = [
  /** Open an executor link (`<base>/websocket/<app>/<key>`). */
  'executor:connect',
  'workflows:read',
  'workflows:write',
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];
