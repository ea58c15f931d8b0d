/**
 * DBOS app names: 3-256 of [a-z0-9-_] (`APPLICATION_NAME_PATTERN`); capitals and shorter ones
 * too, for older apps: one that is not registered is refused by name, not by shape.
 */
const APP_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export interface ExecutorPath {
  readonly appName: string;
  readonly apiKey: string;
}

/**
 * Reads `<basePath>/websocket/<appName>/<apiKey>` (or the same at the root).
 * DBOS executors do not URL-encode either segment; anything else is not ours.
 */
export function parseExecutorPath(url: string, basePath: string): ExecutorPath | null {
  const pathname = url.split('?')[0] ?? '';
  const rest =
    basePath && pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : pathname;
  const match = /^\/websocket\/([^/]+)\/([^/]+)\/?$/.exec(rest);
  if (!match?.[1] || !match[2]) return null;
  const [, appName, apiKey] = match;
  return APP_NAME.test(appName) ? { appName, apiKey } : null;
}
