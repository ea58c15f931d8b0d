// A part of a page whose code can no longer be fetched, as after a redeploy, shows a notice with
// a way back in its place, instead of an error that blanks the window. All real: the built
// control plane on a scratch PostgreSQL database, the console's server, Chromium.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { owner } from './support/accounts';
import { createOrganization, signUp, text } from './support/console-actions';
import { useConsoleSession } from './support/console-session';

/** Every file of the console's build fetched from now on (a dialog's code among them). */
const BUILD_FILES = '**/_next/static/chunks/**';

describe('a part of a page whose code is gone', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;

  beforeAll(() => {
    ({ page, consoleUrl } = session());
  });

  it('says so in its place, keeps the page, and reloads', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    await page.goto(`${consoleUrl}/orgs/acme/members`);
    const leave = page.getByTestId('member-row').getByRole('button', { name: 'Leave' });
    await leave.waitFor();

    // The dialog's revocation preview is fetched when it first opens: gone, as after a redeploy.
    await page.route(BUILD_FILES, (route) => route.abort());
    await leave.click();
    const dialog = page.getByRole('dialog', { name: 'Leave this organization?' });
    const missing = dialog.getByTestId('missing-code');
    await expect(text(missing)).resolves.toContain('the console may have been updated');
    await page.getByTestId('member-table').waitFor(); // the page is still there

    await page.unroute(BUILD_FILES);
    await missing.getByRole('button', { name: 'Reload page' }).click();
    await leave.click();
    await dialog.getByTestId('revocation-preview').waitFor();
  });
});
