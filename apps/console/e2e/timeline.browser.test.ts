// The incident timeline in the console: an owner creates an application and an
// UnresponsiveApplication rule (the app has no executor, so it fires); the app's Timeline tab
// shows the firing and the operator's actions on a time axis grouped by day, each linked to its
// page, and the kind filter narrows it; the organization's timeline shows the same firing,
// naming the application. All real: the built control plane (evaluating every 200 ms) on a
// scratch PostgreSQL database, the console's server, Chromium, axe-core.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, signUp, text, type Account } from './support/console-actions';
import { useConsoleSession } from './support/console-session';

const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};

describe('the Timeline pages', () => {
  const session = useConsoleSession({ controlPlaneEnv: { PODIUM_ALERT_EVALUATION_MS: '200' } });
  let page: Page;
  let consoleUrl: string;

  const entries = (kind: string) =>
    page.getByTestId('timeline-entry').and(page.locator(`[data-kind="${kind}"]`));

  beforeAll(() => {
    ({ page, consoleUrl } = session());
  });

  it('shows an alert firing and the operator actions that led to it, linked to their pages', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    await page.getByLabel('Application name').fill('shop');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/workflows`);
    const tabs = page.getByRole('navigation', { name: 'Application' });
    await tabs.getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/alerts`);
    await page.getByLabel('Rule type').selectOption('UnresponsiveApplication');
    await page.getByLabel('Parameters (JSON)').fill('{"period_secs": 1}');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.getByTestId('alert-rule').waitFor();

    await tabs.getByRole('link', { name: 'Timeline' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/timeline`);
    // The page refreshes itself: the firing appears without a reload.
    const fired = entries('alert.fired');
    await fired.waitFor();
    await expect(text(fired)).resolves.toContain('UnresponsiveApplication fired');
    await expect(text(fired)).resolves.toContain('Alert fired'); // said in words, not colour
    await expect(
      fired.getByRole('link', { name: 'Alert rules' }).getAttribute('href'),
    ).resolves.toBe('/orgs/acme/apps/shop/alerts');

    const actions = entries('audit');
    await expect(actions.count()).resolves.toBeGreaterThanOrEqual(2);
    const summaries = await actions.allTextContents();
    expect(summaries.some((s) => s.includes('alerting_rule.create'))).toBe(true);
    expect(summaries.some((s) => s.includes('application.create application shop'))).toBe(true);
    // One list per day, under the day's heading, inside one list of days.
    const days = page.getByRole('list', { name: 'Events by day, newest first' });
    for (const day of await days.getByRole('heading', { level: 3 }).allTextContents()) {
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    await expect(days.getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(4);
  });

  it('narrows to the kinds checked, and to a range', async () => {
    await page.getByRole('checkbox', { name: 'Alert fired' }).check();
    await entries('audit').first().waitFor({ state: 'detached' });
    await expect(entries('alert.fired').count()).resolves.toBe(1);
    await expect(page.getByTestId('timeline-entry').count()).resolves.toBe(1);

    await page.getByLabel('Range').selectOption('1h');
    await expect(entries('alert.fired').count()).resolves.toBe(1);
    await page.getByRole('checkbox', { name: 'Alert fired' }).uncheck();
    await entries('audit').first().waitFor();
  });

  it('shows the organization’s timeline, naming the application', async () => {
    await page.goto(`${consoleUrl}/orgs/acme`);
    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Timeline' })
      .click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/timeline`);
    const fired = entries('alert.fired');
    await fired.waitFor();
    await expect(text(fired)).resolves.toContain('shop');
    await expect(text(entries('audit').first())).resolves.not.toBe('');
  });
});
