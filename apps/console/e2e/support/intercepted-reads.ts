// The page's reads of one address held or refused on demand: what a slow answer or a failed
// refresh looks like, without waiting for time.
import type { Page, Request, Route } from 'playwright-core';

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
 * Refuses the page's GET requests to `pathname` as an unreachable server would, from now on;
 * returns what lets them through again.
 */
export async function failReads(page: Page, pathname: string): Promise<() => Promise<void>> {
  const matches = sameAddress(pathname);
  const fail = (route: Route, request: Request) =>
    request.method() === 'GET' ? route.abort('connectionrefused') : route.continue();
  await page.route(matches, fail);
  return () => page.unroute(matches, fail);
}
