/**
 * The key under which every query about an application's executors lives. Its own module, so
 * that following the live executor stream (every application page) does not load the fleet's
 * and the versions' fetchers.
 */
export const fleetKey = (org: string, app: string) => ['fleet', org, app] as const;
