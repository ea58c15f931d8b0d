// The page's reads of one address held or refused on demand: what a slow answer or a failed
// refresh looks like, without waiting for time.
import type { Page, Request, Route } from 'playwright-core';

/** Only a guard against hanging: a page's poll (3-5 s), then its retries (1 s, 2 s), fail first. */
export const REFRESH_FAILED_TIMEOUT_MS = 30_000;

export interface HeldReads {
  /** How many GET requests to the path are held so far. */
  count(): number;
  /** Lets them through, and any that follow. */
  release(): Promise<void>;
}

const sameAddress = (pathname: string) => (url: URL) => url.pathname === pathname;

/** Holds the page's GET requests to `pathname` (query string aside) from now on. */
export async function holdReads(page: Page, pathname: string): Promise<HeldReads> {
  const held: Route[] = [];
  let released = false;
  const matches = sameAddress(pathname);
  const hold = (route: Route, request: Request) => {
    if (released || request.method() !== 'GET') return route.continue();
    held.push(route);
  };
  await page.route(matches, hold);
  return {
    count: () => held.length,
    release: async () => {
      released = true;
      // Held ones first: unrouting would settle them itself.
      await Promise.all(held.splice(0).map((route) => route.continue()));
      await page.unroute(matches, hold);
    },
  };
}

/**
 * Refuses the page's reads of `pathname` (GET, or POST for a search) as an unreachable server
 * would, from now on; returns what lets them through again.
 */
export async function failReads(
  page: Page,
  pathname: string,
  method: 'GET' | 'POST' = 'GET',
): Promise<() => Promise<void>> {
  const matches = sameAddress(pathname);
  const fail = (route: Route, request: Request) =>
    request.method() === method ? route.abort('connectionrefused') : route.continue();
  await page.route(matches, fail);
  return () => page.unroute(matches, fail);
}

/**
 * Refuses the page's reads of `pathname` until its failed refresh shows (`refresh-failed`), runs
 * `meanwhile` (what must still be on screen), lets them through again and waits for a refresh
 * to answer (the notice gone).
 */
export async function whileRefreshFails(
  page: Page,
  pathname: string,
  meanwhile: () => Promise<void>,
): Promise<void> {
  const restore = await failReads(page, pathname);
  const failed = page.getByTestId('refresh-failed');
  await failed.waitFor({ timeout: REFRESH_FAILED_TIMEOUT_MS });
  await meanwhile();
  await restore();
  await failed.waitFor({ state: 'detached', timeout: REFRESH_FAILED_TIMEOUT_MS });
}
