// The dashboards, end to end: an organization with two applications, one of them running the
// real DBOS 5.2.11 app with a workload of known counts (3 succeeded, 1 failed, 2 pending, 1
// enqueued on podium-serial), the other with no executor. The overview's table fallbacks show
// those counts, survive switching range presets, and the offline app shows what the control
// plane stores; the fleet page lists both apps and sorts them. All real: the built control
// plane on a scratch PostgreSQL database, the console's server, Chromium, axe-core after each step.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidewaysOverflow } from './support/accessibility';
import {
  createExecutorKey,
  createOrganization,
  signUp,
  text,
  type Account,
} from './support/console-actions';
import { useConsoleSession } from './support/console-session';
import { startDbosExecutor, type DbosExecutor } from './support/dbos-executor';

const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};

describe('the overview and fleet dashboards', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];
  let executor: DbosExecutor | undefined;

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  afterAll(async () => {
    await executor?.stop();
  });

  const overviewUrl = (app: string) => `${consoleUrl}/orgs/acme/apps/${app}/overview`;

  /** Opens a chart's table (its disclosure) and returns the table. */
  const chartTable = async (testId: string) => {
    const figure = page.getByTestId(testId);
    await figure.locator('summary').click();
    const table = page.getByTestId(`${testId}-table`);
    await table.waitFor();
    return table;
  };

  /** A table row's cells' texts. */
  const cells = (table: Locator, name: RegExp) =>
    table.getByRole('row', { name }).locator('td').allTextContents();

  /** The workflows chart's totals row, once it shows `succeeded` succeeded. */
  const totalsOnceSucceeded = async (succeeded: number) => {
    const totals = page.getByTestId('chart-workflows-totals');
    await totals
      .locator(`[data-outcome="succeeded"]`)
      .filter({ hasText: new RegExp(`^${succeeded}$`) })
      .waitFor();
    const cell = async (outcome: string) =>
      Number(await text(totals.locator(`[data-outcome="${outcome}"]`)));
    return {
      started: await cell('started'),
      succeeded: await cell('succeeded'),
      failed: await cell('failed'),
      cancelled: await cell('cancelled'),
    };
  };

  it('shows an app with no executor as such, with what the control plane stores', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    for (const app of ['shop', 'depot']) {
      await page.goto(`${consoleUrl}/orgs/acme`);
      await page.getByLabel('Application name').fill(app);
      await page.getByRole('button', { name: 'Create application' }).click();
      await page.waitForURL(`${consoleUrl}/orgs/acme/apps/${app}/workflows`);
    }

    await page
      .getByRole('navigation', { name: 'Application' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await page.waitForURL(overviewUrl('depot'));
    await expect(text(page.getByTestId('overview-offline'))).resolves.toContain(
      'No executor of depot is connected',
    );
    // The stored parts still draw, each with its table.
    const history = await chartTable('chart-history');
    await expect(history.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(60);
    await page.getByTestId('chart-versions').waitFor();
    await expect(
      page.getByRole('img', { name: /^Stored history\. Collected by the control plane/ }).count(),
    ).resolves.toBe(1);
  });

  it('charts a real DBOS app’s workload with its known counts', async () => {
    const { apiKey, conductorUrl } = await createExecutorKey(page, consoleUrl, {
      org: 'acme',
      name: 'shop executors',
      app: 'shop',
    });
    executor = await startDbosExecutor({
      appName: 'shop',
      conductorUrl,
      apiKey,
      scenario: 'dashboard',
    });

    await page.goto(overviewUrl('shop'));
    await chartTable('chart-workflows');
    // 3 SUCCESS, 1 ERROR, 2 PENDING, 1 ENQUEUED: 7 started.
    await expect(totalsOnceSucceeded(3)).resolves.toEqual({
      started: 7,
      succeeded: 3,
      failed: 1,
      cancelled: 0,
    });
    const summary = page.getByTestId('outcome-summary');
    await expect(text(summary.locator('[data-stat="failure-rate"] dd'))).resolves.toBe('25 %');

    const durations = await chartTable('chart-durations');
    expect((await cells(durations, /compose/)).slice(0, 2)).toEqual(['compose', '3']);
    expect((await cells(durations, /failing/)).slice(0, 2)).toEqual(['failing', '1']);
    await expect(text(page.getByTestId('duration-source'))).resolves.toBe(
      'Computed from the 4 workflows completed in the range.',
    );

    const queues = await chartTable('chart-queues');
    // One of the two runs once DBOS polls the queue; the page refreshes until it shows so.
    await queues
      .getByRole('row', { name: /podium-serial/ })
      .locator('td')
      .nth(1)
      .filter({ hasText: /^1$/ })
      .waitFor();
    const versions = await chartTable('chart-versions');
    await expect(versions.locator('thead th').count()).resolves.toBe(2); // the time and one version
  });

  it('switches range presets, keeping the counts and changing the buckets', async () => {
    const range = page.getByRole('group', { name: 'Time range' });
    await range.getByRole('button', { name: 'Last 15 min' }).click();
    await page.waitForURL(`${overviewUrl('shop')}?range=15m`);
    await page.locator('[data-testid="app-overview"][data-range="15m"]').waitFor();
    await expect(
      range.getByRole('button', { name: 'Last 15 min' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    const table = await chartTable('chart-workflows');
    await expect(totalsOnceSucceeded(3)).resolves.toMatchObject({ started: 7, failed: 1 });
    await expect(table.locator('tbody tr').count()).resolves.toBeLessThanOrEqual(16);

    await range.getByRole('button', { name: 'Last 24 h' }).click();
    await page.waitForURL(`${overviewUrl('shop')}?range=24h`);
    const wide = await chartTable('chart-workflows');
    await expect(totalsOnceSucceeded(3)).resolves.toMatchObject({ started: 7, failed: 1 });
    // Half-hour buckets over a day.
    await expect(wide.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(48);
  });

  it('lists both apps on the fleet page, sorts them, and links into each', async () => {
    await page.goto(`${consoleUrl}/orgs/acme`);
    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Fleet' })
      .click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/fleet`);
    const rows = page.getByTestId('fleet-row');
    const order = () => rows.evaluateAll((all) => all.map((row) => row.dataset.app));
    const shop = page.locator('[data-testid="fleet-row"][data-app="shop"]');
    await page.locator('[data-testid="fleet-row"][data-app="shop"][data-state="online"]').waitFor();
    await expect(text(shop.locator('[data-column="connected"]'))).resolves.toBe('1');
    await expect(text(shop.locator('[data-column="failed"]'))).resolves.toBe('1');
    await expect(text(shop.locator('[data-column="failureRate"]'))).resolves.toBe('25 %');
    await expect(text(shop.locator('[data-column="oldestEnqueuedMs"]'))).resolves.not.toBe('—');
    const depot = page.locator('[data-testid="fleet-row"][data-app="depot"]');
    await expect(depot.getAttribute('data-state')).resolves.toBe('offline');
    await expect(text(depot.getByTestId('fleet-state'))).resolves.toBe('offline');
    await expect(order()).resolves.toEqual(['depot', 'shop']);

    const heading = (name: RegExp) => page.getByRole('columnheader', { name });
    await heading(/^Failed/)
      .getByRole('button')
      .click();
    await expect(heading(/^Failed/).getAttribute('aria-sort')).resolves.toBe('descending');
    await expect(order()).resolves.toEqual(['shop', 'depot']);
    await heading(/^Application/)
      .getByRole('button')
      .click();
    await expect(order()).resolves.toEqual(['depot', 'shop']);
    await heading(/^Application/)
      .getByRole('button')
      .click();
    await expect(heading(/^Application/).getAttribute('aria-sort')).resolves.toBe('descending');
    await expect(order()).resolves.toEqual(['shop', 'depot']);

    await shop.getByRole('link', { name: 'shop' }).click();
    await page.waitForURL(overviewUrl('shop'));
    await page.getByTestId('outcome-summary').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('reads on a phone: neither dashboard scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(overviewUrl('shop'));
      await page.getByTestId('outcome-summary').waitFor();
      await page.getByTestId('chart-workflows').waitFor();
      await expect(sidewaysOverflow(page)).resolves.toEqual([]);
      await page.goto(`${consoleUrl}/orgs/acme/fleet`);
      await page.getByTestId('fleet-row').first().waitFor();
      await expect(sidewaysOverflow(page)).resolves.toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1100, height: 640 });
    }
  });
});
