// Holds the page's reads of one address until released: what a slow answer looks like, on
// demand, without waiting for time.
import type { Page, Request, Route } from 'playwright-core';

export interface HeldReads {
  /** How many GET requests to the path are held so far. */
  count(): number;
  /** Lets them through, and any that follow. */
  release(): Promise<void>;
}

/** Holds the page's GET requests to `pathname` (query string aside) from now on. */
export async function holdReads(page: Page, pathname: string): Promise<HeldReads> {
  const held: Route[] = [];
  let released = false;
  const matches = (url: URL) => url.pathname === pathname;
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
