// Signed-in pages hydrate without a mismatch whatever finishes first. On a slow CPU the
// header's request for the signed-in user can end before the organization layout's Suspense
// boundary hydrates; the page under it then rendered from that answer where the server had
// rendered "Loading…", and React threw error #418 (hydration mismatch) — at random on a
// loaded machine, almost always with Chromium's CPU throttled as here.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { owner } from './support/accounts';
import { createOrganization, signUp } from './support/console-actions';
import { useConsoleSession } from './support/console-session';

/** How many times slower Chromium runs the page's JavaScript (DevTools' CPU throttling). */
const SLOWDOWNS = [8, 16];
const LOADS_PER_PAGE = 3;
/** A throttled load of a page and its first answers. */
const THROTTLED_LOAD_TIMEOUT_MS = 60_000;

describe('hydrating signed-in pages on a slow CPU', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  it('shows an organization and an application page with no hydration error', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    await page.getByLabel('Application name').fill('shop');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/workflows`);

    const cdp = await page.context().newCDPSession(page);
    try {
      for (const rate of SLOWDOWNS) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        for (let load = 0; load < LOADS_PER_PAGE; load++) {
          for (const [path, shown] of [
            ['/orgs/acme', 'org-role'],
            ['/orgs/acme/apps/shop/workflows', 'no-executor'],
          ] as const) {
            await page.goto(`${consoleUrl}${path}`, { timeout: THROTTLED_LOAD_TIMEOUT_MS });
            await page.getByTestId(shown).waitFor({ timeout: THROTTLED_LOAD_TIMEOUT_MS });
          }
        }
      }
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
