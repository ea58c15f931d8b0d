// The incident timeline in the console: an owner creates an application and an
// UnresponsiveApplication rule (the app has no executor, so it fires); the app's Timeline tab
// shows the firing and the operator's actions on a time axis grouped by day, each linked to its
// page. A real executor (the example app on @podium/sdk) connects — its version appears and the
// alert resolves — and stops. The kind filter narrows the axis; the organization's timeline
// names the application. All real: the built control plane (evaluating every 200 ms) on a
// scratch PostgreSQL database, the console's server, Chromium, axe-core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExecutorKey,
  createOrganization,
  signUp,
  text,
  type Account,
} from './support/console-actions';
import { useConsoleSession } from './support/console-session';
import { assertBuilt, repoRoot } from './support/console-stack';
import { CONNECT_STEP_TIMEOUT_MS } from './support/example-app-owner';
import { startService, stopService, type Service } from './support/processes';

const exampleMain = path.join(repoRoot, 'apps/example/dist/main.js');

const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};

describe('the Timeline pages', () => {
  const session = useConsoleSession({ controlPlaneEnv: { PODIUM_ALERT_EVALUATION_MS: '200' } });
  let page: Page;
  let consoleUrl: string;
  let exampleDir = '';
  let example: Service | undefined;

  const entries = (kind: string) =>
    page.getByTestId('timeline-entry').and(page.locator(`[data-kind="${kind}"]`));

  beforeAll(() => {
    assertBuilt(exampleMain, 'pnpm --filter @podium/example build');
    ({ page, consoleUrl } = session());
    exampleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-timeline-example-'));
  });

  afterAll(async () => {
    if (example) await stopService(example);
    if (exampleDir) fs.rmSync(exampleDir, { recursive: true, force: true });
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

  it(
    'adds a real executor’s story: connected, its version appeared, the alert resolved, then stopped (and the alert fires again)',
    async () => {
      const { apiKey, conductorUrl } = await createExecutorKey(page, consoleUrl, {
        org: 'acme',
        name: 'shop executors',
        app: 'shop',
      });

      await page.goto(`${consoleUrl}/orgs/acme/apps/shop/timeline`);
      example = startService('example app', [exampleMain], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: '',
          CONDUCTOR_KEY: apiKey,
          CONDUCTOR_URL: conductorUrl,
          APP_NAME: 'shop',
          PODIUM_EXAMPLE_DATA_DIR: exampleDir,
          EXAMPLE_INTERVAL_MS: '0',
        },
      });
      // The example starts an embedded database first: slow on a loaded machine.
      const connected = entries('executor.connected');
      await connected.waitFor({ timeout: 90_000 });
      await expect(
        connected.getByRole('link', { name: 'Executors' }).getAttribute('href'),
      ).resolves.toBe('/orgs/acme/apps/shop/executors');
      await entries('version.appeared').waitFor();
      await expect(text(entries('alert.resolved'))).resolves.toContain(
        'UnresponsiveApplication resolved',
      );

      await stopService(example);
      example = undefined;
      const stopped = entries('executor.disconnected');
      await stopped.waitFor();
      await expect(text(stopped)).resolves.toContain('stopped');
      // No executor again: the rule fires a second time.
      await entries('alert.fired').nth(1).waitFor();
    },
    CONNECT_STEP_TIMEOUT_MS,
  );

  it('narrows to the kinds checked, and to a range', async () => {
    await page.getByRole('checkbox', { name: 'Executor connected' }).check();
    await entries('audit').first().waitFor({ state: 'detached' });
    await expect(page.getByTestId('timeline-entry').count()).resolves.toBe(1);
    await expect(entries('executor.connected').count()).resolves.toBe(1);

    await page.getByRole('checkbox', { name: 'Alert resolved' }).check();
    await entries('alert.resolved').waitFor();
    await expect(entries('alert.fired').count()).resolves.toBe(0);

    await page.getByLabel('Range').selectOption('1h');
    await expect(entries('executor.connected').count()).resolves.toBe(1);
    await page.getByRole('checkbox', { name: 'Executor connected' }).uncheck();
    await page.getByRole('checkbox', { name: 'Alert resolved' }).uncheck();
    await entries('audit').first().waitFor();
  });

  it('shows the organization’s timeline, naming the application of each event', async () => {
    await page.goto(`${consoleUrl}/orgs/acme`);
    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Timeline' })
      .click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/timeline`);
    const connected = entries('executor.connected');
    await connected.waitFor();
    await expect(text(connected.getByTestId('timeline-application'))).resolves.toBe('shop');
    await entries('alert.fired').nth(1).waitFor(); // before and after the executor
    await expect(text(entries('audit').first())).resolves.not.toBe('');
  });
});
