// An admin changes an application's DBOS settings in the console (executor timeout, retention
// thresholds, global timeout, private mode), is told what it cannot send, saves, and finds the
// settings persisted after a reload, with the retention push they caused; a failed refresh
// leaves the form as it was, and deleting the application shows its keys revoked. All real:
// the built control plane on a scratch PostgreSQL database, the console's server, Chromium,
// axe-core.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sidewaysOverflow } from './support/accessibility';
import {
  confirm,
  createExecutorKey,
  createOrganization,
  signUp,
  text,
  type Account,
} from './support/console-actions';
import { useConsoleSession } from './support/console-session';
import { whileRefreshFails } from './support/intercepted-reads';

const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};

describe('the app settings page', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];

  const field = (label: string) => page.getByLabel(label, { exact: true });
  const settingsUrl = () => `${consoleUrl}/orgs/acme/apps/shop/settings`;

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  it('reaches the settings from the application, with retention off by default', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    await page.getByLabel('Application name').fill('shop');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/workflows`);

    await page
      .getByRole('navigation', { name: 'Application' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.waitForURL(settingsUrl());
    await expect(field('Executor timeout (seconds)').inputValue()).resolves.toBe('60');
    await expect(field('Keep completed workflows for (hours)').inputValue()).resolves.toBe('');
    await expect(field('Keep at most (workflows)').inputValue()).resolves.toBe('');
    await expect(field('Global timeout (hours)').inputValue()).resolves.toBe('');
    await expect(page.getByRole('checkbox', { name: /Private mode/ }).isChecked()).resolves.toBe(
      false,
    );
    await expect(
      page.getByTestId('last-retention-push').getAttribute('data-outcome'),
    ).resolves.toBe('none');
  });

  it('says which settings it cannot send, and sends nothing', async () => {
    await field('Keep at most (workflows)').fill('0');
    await field('Global timeout (hours)').fill('-2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const problems = page.getByTestId('settings-problems');
    await expect(text(problems)).resolves.toContain('Keep at most must be a positive whole number');
    await expect(text(problems)).resolves.toContain(
      'Global timeout must be a positive number of hours',
    );
    await page.reload();
    await expect(field('Keep at most (workflows)').inputValue()).resolves.toBe('');
  });

  it('saves the settings, which persist, and shows the retention push they caused', async () => {
    await field('Executor timeout (seconds)').fill('90');
    await field('Keep completed workflows for (hours)').fill('24');
    await field('Keep at most (workflows)').fill('5000');
    await field('Global timeout (hours)').fill('1.5');
    await page.getByRole('checkbox', { name: /Private mode/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // No executor is connected: the push the save caused says so (the page refreshes).
    await page.locator('[data-testid="last-retention-push"][data-outcome="no_executor"]').waitFor();

    await page.reload();
    await expect(field('Executor timeout (seconds)').inputValue()).resolves.toBe('90');
    await expect(field('Keep completed workflows for (hours)').inputValue()).resolves.toBe('24');
    await expect(field('Keep at most (workflows)').inputValue()).resolves.toBe('5000');
    await expect(field('Global timeout (hours)').inputValue()).resolves.toBe('1.5');
    await expect(page.getByRole('checkbox', { name: /Private mode/ }).isChecked()).resolves.toBe(
      true,
    );
    await expect(text(page.getByTestId('last-retention-push'))).resolves.toContain(
      'no executor connected',
    );
  });

  it('keeps the form and what was typed in it when a refresh fails', async () => {
    await field('Keep at most (workflows)').fill('777');
    await whileRefreshFails(page, '/api/v2/orgs/acme/apps/shop', () =>
      expect(field('Keep at most (workflows)').inputValue()).resolves.toBe('777'),
    );
    await expect(field('Keep at most (workflows)').inputValue()).resolves.toBe('777');
    await page.reload();
  });

  it('turns a threshold off when its box is emptied', async () => {
    await field('Keep at most (workflows)').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await expect(field('Keep at most (workflows)').inputValue()).resolves.toBe('');
    await expect(field('Keep completed workflows for (hours)').inputValue()).resolves.toBe('24');
    expect(pageErrors).toEqual([]);
  });

  it('creates an application with a name as long as DBOS allows, and its pages still fit', async () => {
    const longest = `checkout-${'x'.repeat(243)}-end`; // 256 characters, one unbroken run
    await page.goto(`${consoleUrl}/orgs/acme`);
    await page.getByLabel('Application name').fill(longest);
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/${longest}/workflows`);
    // The name in the heading and in the empty states (no executor yet), wrapped: nothing to
    // scroll sideways.
    for (const [tab, shown] of [
      ['workflows', /^No executor of .+ is connected$/],
      ['executors', /^No executor of .+ has connected yet$/],
      ['settings', /^Settings$/],
    ] as const) {
      await page.goto(`${consoleUrl}/orgs/acme/apps/${longest}/${tab}`);
      await page.getByRole('heading', { level: 1, name: longest }).waitFor();
      await page.getByRole('heading', { name: shown }).first().waitFor();
      await expect(sidewaysOverflow(page)).resolves.toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  });

  it('shows the keys scoped to an application revoked as soon as it is deleted', async () => {
    const { apiKey } = await createExecutorKey(page, consoleUrl, {
      org: 'acme',
      name: 'shop only',
      app: 'shop',
    });
    const key = page.getByTestId(`api-key-${apiKey.slice(0, 12)}`);
    await key.locator('[data-status="active"]').waitFor();

    // The console's own navigation from here on: the keys list it holds is what would show.
    const orgTabs = page.getByRole('navigation', { name: 'Organization' });
    await orgTabs.getByRole('link', { name: 'Applications' }).click();
    await page.getByRole('link', { name: 'shop', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Application' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.getByRole('button', { name: 'Delete application' }).click();
    await confirm(page, 'Delete application');
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    await orgTabs.getByRole('link', { name: 'API keys' }).click();
    await key.locator('[data-status="revoked"]').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
