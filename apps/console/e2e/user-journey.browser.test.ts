// The operator's main journey, end to end and all real: the built control plane on a
// scratch PostgreSQL database, the console's server (`next start` with the client address
// vouched for) of the built console, Debian's Chromium, and a real executor (the example app on
// @podium/sdk) connected with a key made in the browser. Sign up → organization → application →
// API key → watch the app's workflows, open one, orient the list; a viewer may look but not act;
// the last-known workflows once the executor is gone. On the way: payloads and the step
// timeline, a phone-sized screen, the keyboard, dark mode, and axe-core on every page. Acting on
// workflows (cancel, resume, fork, bulk, delete) is a journey of its own:
// workflow-actions.browser.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAST_KNOWN_BANNER_ID, NEEDS_LIVE_EXECUTOR } from '../src/features/workflows/last-known';
import { assertAccessible, sidewaysOverflow } from './support/accessibility';
import { launchChromium, openPage, type Browser } from './support/chromium';
import { reportPageOnFailure } from './support/failure-evidence';
import { signOut, signUp, submitSignIn, text, waitForStatus } from './support/console-actions';
import { owner, viewer } from './support/accounts';
import {
  assertConsoleStackBuilt,
  repoRoot,
  startConsoleStack,
  type ConsoleStack,
} from './support/console-stack';
import {
  assertExampleBuilt,
  startExampleExecutor,
  type ExampleExecutor,
} from './support/example-executor';
import { CONNECT_STEP_TIMEOUT_MS } from './support/example-app-owner';
import { createMigratedDatabase, type ScratchDatabase } from './support/scratch-database';

const SCREENSHOT_DIR = process.env.PODIUM_SCREENSHOT_DIR ?? os.tmpdir();
const SCREENSHOT = path.join(SCREENSHOT_DIR, 'console-workflows.png');
const screenshot = (name: string) => path.join(SCREENSHOT_DIR, `console-${name}.png`);

/** The workflow names of the rows on the page. */
const workflowNames = (page: Page) =>
  page.getByTestId('workflow-row').evaluateAll((rows) => rows.map((r) => r.dataset.workflowName));

describe('the operator journey: sign up to managing workflows', () => {
  let stack: ConsoleStack | undefined;
  let browser: Browser | undefined;
  let database: ScratchDatabase | undefined;
  let page: Page;
  let consoleUrl: string;
  let example: ExampleExecutor | undefined;
  let apiKey = '';
  let conductorUrl = '';
  /** A workflow the viewer will look at later. */
  let someWorkflowPath = '';
  let pageErrors: string[] = [];

  beforeAll(async () => {
    assertConsoleStackBuilt();
    assertExampleBuilt();
    browser = await launchChromium();
    database = await createMigratedDatabase(repoRoot);
    stack = await startConsoleStack({
      controlPlaneEnv: { DATABASE_URL: database.url, PODIUM_LOG_LEVEL: 'warn' },
      readyPath: '/sign-in',
    });
    consoleUrl = stack.consoleUrl;
    // Refused requests (a wrong password, "no executor connected") are logged by Chromium
    // as failed loads; anything else logged as an error is a bug of the console.
    ({ page, errors: pageErrors } = await openPage(browser, (message) =>
      message.startsWith('Failed to load resource'),
    ));
    page.setDefaultTimeout(20_000);
  });

  // Every page a step ends on passes axe (steps check the pages they pass through, too).
  reportPageOnFailure(() => page);
  afterEach(async (context) => {
    if (browser && page && !page.isClosed()) await assertAccessible(page, context.task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await example?.stop();
    await stack?.stop();
    await database?.drop();
  });

  it('signs up, sends a signed-out visitor to sign-in and back, and names a wrong password', async () => {
    // Too short a password: the control plane's own words, next to the form.
    await page.goto(`${consoleUrl}/sign-up`);
    await page.getByLabel('Name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(text(page.getByTestId('sign-up-error'))).resolves.toMatch(
      /Password.*at least 12 characters/,
    );

    await signUp(page, consoleUrl, owner);
    await expect(text(page.getByTestId('header-user'))).resolves.toBe(owner.name);
    await signOut(page);

    await page.goto(`${consoleUrl}/orgs/acme`);
    await page.waitForURL(/\/sign-in\?next=%2Forgs%2Facme$/);
    await submitSignIn(page, owner.email, 'not the password at all');
    await expect(text(page.getByTestId('sign-in-error'))).resolves.toBe(
      'The email or password is not right.',
    );
    await submitSignIn(page, owner.email, owner.password);
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    await page.getByTestId('org-not-found').waitFor(); // not created yet
  });

  it('creates an organization and an application, which has no executor yet (503)', async () => {
    await page.goto(consoleUrl);
    await page.getByRole('heading', { name: 'You are not in an organization yet' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('acme');
    await page.getByLabel('Display name').fill('Acme Inc.');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    await expect(page.getByTestId('org-role').getAttribute('data-role')).resolves.toBe('OWNER');

    await page.getByLabel('Application name').fill('shop');
    await page.getByLabel('Executor timeout (seconds)').fill('30');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/workflows`);
    const empty = page.getByTestId('no-executor');
    await expect(text(empty.getByRole('heading'))).resolves.toBe(
      'No executor of shop is connected',
    );
    await expect(text(empty)).resolves.toContain('APP_NAME=shop');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByLabel('Executor timeout (seconds)').inputValue()).resolves.toBe('30');
    await page.getByLabel('Description').fill('The web shop');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    // The header's switcher leads back to the organization.
    await page.goto(consoleUrl);
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Acme Inc.' });
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    // A second application of the same name is refused, in plain words.
    await page.getByRole('link', { name: 'shop', exact: true }).waitFor();
    await page.getByLabel('Application name').fill('shop');
    await page.getByRole('button', { name: 'Create application' }).click();
    const form = page.getByRole('form', { name: 'Create application' });
    await expect(text(form.getByRole('alert'))).resolves.toContain('already has an application');
  });

  it('creates an API key and shows its secret once, with how to start an executor', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('shop executors');
    await page.getByRole('checkbox', { name: /shop/ }).check();
    await page.getByRole('button', { name: 'Create API key' }).click();

    apiKey = await text(page.getByTestId('api-key-secret'));
    expect(apiKey).toMatch(/^pdm_/);
    const hint = await text(page.getByTestId('executor-env-hint'));
    expect(hint).toContain(`CONDUCTOR_KEY=${apiKey} `);
    expect(hint).toContain('APP_NAME=shop');
    conductorUrl = /CONDUCTOR_URL=(\S+)/.exec(hint)?.[1] ?? '';
    expect(conductorUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    const row = page.getByTestId('api-key-table').getByRole('row', { name: /shop executors/ });
    await expect(text(row)).resolves.toContain(apiKey.slice(0, 12));
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect(page.getByTestId('api-key-secret').count()).resolves.toBe(0);
    await page.reload();
    await page.getByTestId('api-key-table').waitFor();
    await expect(page.getByText(apiKey).count()).resolves.toBe(0);
  });

  it('refreshes an expired session by itself in the middle of a change', async () => {
    // The access cookie lives 15 minutes; without it the next write is refused (401), the
    // console refreshes the session with its refresh cookie and sends the write again.
    await browser!.context.clearCookies({ name: 'podium_access' });
    await page.getByRole('button', { name: 'Rename shop executors' }).click();
    const dialog = page.getByRole('dialog', { name: /Rename/ });
    await dialog.getByLabel('New name').fill('shop executors (prod)');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /shop executors \(prod\)/ }).waitFor();
    const cookies = await browser!.context.cookies(consoleUrl);
    expect(cookies.map((c) => c.name)).toContain('podium_access');
  });

  it(
    "shows a real executor's workflows as soon as it connects",
    async () => {
      await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows`);
      await page.getByTestId('no-executor').waitFor();
      example = startExampleExecutor({
        apiKey,
        conductorUrl,
        appName: 'shop',
        env: { EXAMPLE_INTERVAL_MS: '2000' },
      });

      // No reload: the live stream and the poll bring the executor and its workflows in.
      // The example starts an embedded database first: slow on a loaded machine.
      await page
        .getByTestId('live-executors')
        .and(page.locator('[data-count="1"]'))
        .waitFor({ timeout: 90_000 });
      await page.getByTestId('workflow-row').first().waitFor();
      for (const name of ['processOrder', 'thumbnail', 'importBatch']) {
        await page
          .locator(`[data-testid="workflow-row"][data-workflow-name="${name}"]`)
          .first()
          .waitFor();
      }
      await page.screenshot({ path: SCREENSHOT, fullPage: false });

      await page.getByRole('link', { name: 'Executors' }).click();
      const executor = page.getByTestId('executor-row').first();
      await expect(executor.getAttribute('data-status')).resolves.toBe('HEALTHY');
      await expect(text(executor)).resolves.toContain('typescript');
      await page.getByRole('link', { name: 'Queues' }).click();
      await page.getByRole('button', { name: 'Show workflows of media' }).click();
      await page.getByTestId('queued-workflows').waitFor();
      await expect(text(page.getByTestId('queue-table'))).resolves.toContain('2 at once');
    },
    CONNECT_STEP_TIMEOUT_MS,
  );

  it('filters by status and name, and opens a workflow with its steps', async () => {
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('checkbox', { name: 'SUCCESS' }).check();
    await page.getByLabel('Workflow name').fill('processOrder');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=SUCCESS&name=processOrder/);
    const row = page.locator('[data-testid="workflow-row"][data-status="SUCCESS"]').first();
    await row.waitFor({ timeout: 30_000 });
    const rows = page.getByTestId('workflow-row');
    // The unfiltered page's rows may show until the filtered one arrives.
    await expect
      .poll(
        async () => new Set(await rows.evaluateAll((els) => els.map((e) => e.dataset.status))),
        {
          timeout: 20_000,
        },
      )
      .toEqual(new Set(['SUCCESS']));
    // Applied, the filter bar is the same one: the focus stays on Apply.
    await expect(
      page
        .getByRole('button', { name: 'Apply' })
        .evaluate((button) => button === document.activeElement),
    ).resolves.toBe(true);

    // A console link is a real link: with Ctrl (⌘) it opens a new tab and this one stays put.
    const listUrl = page.url();
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      row.getByRole('link').click({ modifiers: ['ControlOrMeta'] }),
    ]);
    await tab.waitForURL(/\/workflows\/[^/?]+$/, { waitUntil: 'commit' });
    await tab.close();
    expect(page.url()).toBe(listUrl);

    await row.getByRole('link').click();
    await expect(waitForStatus(page, ['SUCCESS'])).resolves.toBe('SUCCESS');
    someWorkflowPath = new URL(page.url()).pathname;
    const steps = page.getByTestId('step-row');
    await steps.first().waitFor();
    await expect(steps.evaluateAll((els) => els.map((e) => e.dataset.stepName))).resolves.toEqual([
      'validate',
      'reserveInventory',
      'chargePayment',
      'ship',
      'notifyCustomer',
    ]);
    await expect(text(page.getByTestId('workflow-output'))).resolves.toContain('trackingNumber');

    // The output as the executor sent it (util.inspect is not JSON), folded and unfolded,
    // downloaded whole.
    const output = page.getByTestId('workflow-output');
    await expect(output.getAttribute('data-kind')).resolves.toBe('text');
    const isOpen = () => output.evaluate((details) => (details as HTMLDetailsElement).open);
    await output.locator('summary').click();
    await expect(isOpen()).resolves.toBe(false);
    await output.locator('summary').click();
    await expect(isOpen()).resolves.toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      output.getByRole('button', { name: /^Download output as / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-output\.txt$/);
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe(
      await output.getByTestId('payload-text').textContent(),
    );

    // Ids copy whole.
    await browser!.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: consoleUrl,
    });
    const workflowId = await text(page.getByTestId('workflow-id'));
    await page.getByRole('button', { name: `Copy workflow ID ${workflowId}` }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(workflowId);

    // The step timeline beside the table: each step a bar on one axis, with its duration.
    const bars = page.getByTestId('step-timeline').getByTestId('timeline-step');
    // The timeline loads after the page (its own chunk): wait for it, then read it whole.
    await bars.first().waitFor();
    await expect(bars.evaluateAll((els) => els.map((e) => e.dataset.stepName))).resolves.toEqual([
      'validate',
      'reserveInventory',
      'chargePayment',
      'ship',
      'notifyCustomer',
    ]);
    expect(new Set(await bars.evaluateAll((els) => els.map((e) => e.dataset.state)))).toEqual(
      new Set(['done']),
    );
    for (const duration of await bars.getByTestId('timeline-duration').allTextContents()) {
      expect(duration).toMatch(/^\d+(\.\d)? (ms|s)$|min/);
    }
    await page.screenshot({ path: screenshot('workflow-payloads-timeline'), fullPage: true });
  });

  it('reads on a phone, with a keyboard, and in dark mode', async () => {
    // 390 px wide: no page scrolls sideways (tables scroll in their own box), axe is content.
    const pages: Array<[string, string]> = [
      ['/orgs/acme', 'Applications'],
      ['/orgs/acme/apps/shop/workflows', 'workflow-row'],
      [someWorkflowPath, 'step-row'],
      ['/orgs/acme/apps/shop/executors', 'executor-row'],
      ['/orgs/acme/apps/shop/queues', 'queue-table'],
      ['/orgs/acme/audit', 'audit-row'],
      ['/orgs/acme/members', 'member-row'],
      ['/orgs/acme/keys', 'api-key-table'],
    ];
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [where, ready] of pages) {
        await page.goto(`${consoleUrl}${where}`);
        const shown = /^[A-Z]/.test(ready)
          ? page.getByRole('heading', { name: ready })
          : page.getByTestId(ready);
        await shown.first().waitFor();
        expect(await sidewaysOverflow(page), `${where} at 390 px`).toEqual([]);
        await assertAccessible(page, `${where} at 390 px`);
        if (where === someWorkflowPath) {
          await page.screenshot({ path: screenshot('phone-workflow'), fullPage: true });
        }
        if (where.endsWith('/workflows')) {
          await page.screenshot({ path: screenshot('phone-workflows'), fullPage: false });
        }
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    // 1280 px: the executors and audit tables read without scrolling sideways.
    for (const [where, table] of [
      ['/orgs/acme/apps/shop/executors', 'executor-table'],
      ['/orgs/acme/audit', 'audit-table'],
    ] as const) {
      await page.goto(`${consoleUrl}${where}`);
      const box = page.getByTestId(table);
      await box.locator('tbody tr').first().waitFor();
      const fits = await box.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0));
      expect(fits, `${table} fits at 1280 px`).toBe(true);
    }

    // A skip link first in the tab order, to the main content.
    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows`);
    await page.getByTestId('workflow-row').first().waitFor();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName.toLowerCase()}#${el.id}:${el.textContent?.trim() ?? ''}` : '';
      });
    await expect(focused()).resolves.toBe('a#:Skip to main content');
    await page.keyboard.press('Enter');
    await expect(focused()).resolves.toMatch(/^main#main:/);

    // After a navigation, focus is on the new page's main heading.
    await page
      .getByRole('navigation', { name: 'Application' })
      .getByRole('link', { name: 'Executors' })
      .click();
    await page.waitForURL(/\/executors$/);
    await page.waitForFunction(() => document.activeElement?.matches('main h1') === true);

    // Links read as links without their colour.
    const decoration = await page
      .locator('main .eyebrow a')
      .first()
      .evaluate((a) => getComputedStyle(a).textDecorationLine);
    expect(decoration).toContain('underline');

    // Dark mode follows the system setting.
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.goto(`${consoleUrl}${someWorkflowPath}`);
      await page.getByTestId('step-row').first().waitFor();
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      expect(background).toBe('rgb(15, 20, 25)');
      await assertAccessible(page, 'a workflow in dark mode');
      await page.screenshot({ path: screenshot('dark-workflow'), fullPage: true });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1100, height: 640 });
    }
  });

  it('orients the list: counts per status and a total, a name picker, sorting, the time zone, a last page', async () => {
    const workflowsUrl = `${consoleUrl}/orgs/acme/apps/shop/workflows`;
    await page.goto(workflowsUrl);
    // Per-status counts and the total come from the executor's aggregates, in one render.
    await page.getByTestId('workflow-total').waitFor();
    const counted = () =>
      page.evaluate(() => {
        const n = (el: Element | null) => Number((el?.textContent ?? '').replace(/[^0-9]/g, ''));
        const chips = [...document.querySelectorAll('[data-testid^="status-count-"]')];
        return {
          sum: chips.reduce((sum, chip) => sum + n(chip), 0),
          success: n(document.querySelector('[data-testid="status-count-SUCCESS"]')),
          total: n(document.querySelector('[data-testid="workflow-total"]')),
        };
      });
    const all = await counted();
    expect(all.success).toBeGreaterThan(0);
    expect(all.total).toBe(all.sum);
    await page.getByRole('checkbox', { name: /^SUCCESS/ }).check();
    await page.waitForURL(/status=SUCCESS/);
    await page.getByText(/workflows? match$/).waitFor();
    const onlySuccess = await counted();
    expect(onlySuccess.total).toBe(onlySuccess.success);

    // The name picker offers the app's names that start with what is typed.
    await page.goto(workflowsUrl);
    const nameBox = page.getByRole('combobox', { name: 'Workflow name' });
    await nameBox.fill('n');
    const options = page.getByRole('listbox', { name: 'Name suggestions' }).getByRole('option');
    await options.first().waitFor();
    for (const option of await options.allTextContents()) expect(option).toMatch(/^n/);
    await nameBox.fill('proc');
    await options.filter({ hasText: 'processOrder' }).click();
    await page.waitForURL(/name=processOrder/);
    // The previous rows stay on screen until the new page arrives.
    await expect
      .poll(async () => [...new Set(await workflowNames(page))], { timeout: 20_000 })
      .toEqual(['processOrder']);

    // Sorting: status on this page, creation time by the executor.
    await page.getByLabel(/^Auto-refresh/).uncheck();
    const statuses = () =>
      page.getByTestId('workflow-row').evaluateAll((rows) => rows.map((r) => r.dataset.status));
    await page.getByTestId('sort-status').click();
    await page.waitForURL(/sort=status/);
    const ascending = await statuses();
    expect(ascending).toEqual([...ascending].sort());
    await page.getByTestId('sort-status').click();
    await page.waitForURL(/sort=-status/);
    const descending = await statuses();
    expect(descending).toEqual([...descending].sort().reverse());
    await page.getByTestId('sort-created').click(); // newest first, the default
    await page.waitForURL((url) => !url.searchParams.has('sort'));
    await page.getByTestId('sort-created').click();
    await page.waitForURL(/sort=created/);
    await expect(
      page.getByRole('columnheader', { name: /Created/ }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
    const created = async () =>
      page
        .getByTestId('workflow-row')
        .evaluateAll((rows) => rows.map((r) => r.querySelector('time')?.dateTime ?? ''));
    await expect
      .poll(
        async () => {
          const times = await created();
          return times.length > 1 && times.join() === [...times].sort().join();
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    // Every timestamp in local time or in UTC, as chosen (and remembered).
    const firstTime = page.getByTestId('workflow-row').first().locator('time').first();
    await page.getByTestId('time-zone').selectOption('utc');
    await expect(text(firstTime)).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await page.reload();
    await expect(text(firstTime)).resolves.toMatch(/ UTC$/);
    await page.getByTestId('time-zone').selectOption('local');
    await expect(text(firstTime)).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    // A full page that is the last one: Next knows (the total says so).
    const onlyOne = decodeURIComponent(someWorkflowPath.split('/').pop() ?? '');
    await page.goto(`${workflowsUrl}?id=${encodeURIComponent(onlyOne)}&limit=1`);
    await page.getByTestId('workflow-row').first().waitFor();
    await expect(text(page.getByTestId('page-number'))).resolves.toBe('Page 1 of 1');
    await expect(text(page.getByTestId('page-range'))).resolves.toBe('Rows 1–1 of 1');
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
  });

  it('lets a viewer look at workflows but not act on them', async () => {
    await page.goto(`${consoleUrl}/orgs/acme/members`);
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByRole('button', { name: 'Create join link' }).click();
    const joinLink = await text(page.getByTestId('join-link'));
    expect(joinLink).toContain('/join?secret=');
    await signOut(page);

    await signUp(page, consoleUrl, viewer);
    await page.goto(joinLink);
    await page.getByRole('button', { name: 'Join organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    await expect(page.getByTestId('org-role').getAttribute('data-role')).resolves.toBe('VIEWER');
    await expect(page.getByRole('link', { name: 'API keys' }).count()).resolves.toBe(0);

    await page.goto(`${consoleUrl}${someWorkflowPath}`);
    await waitForStatus(page, ['SUCCESS']);
    for (const name of [
      'Cancel workflow',
      'Resume workflow',
      'Fork from step…',
      'Delete workflow…',
    ]) {
      const button = page.getByRole('button', { name });
      expect(await button.isDisabled()).toBe(true);
      await expect(button.getAttribute('title')).resolves.toMatch(/role/);
    }
    // Restart and rewind are not shown at all to a role that may not act.
    await expect(
      page.getByRole('button', { name: /^(Restart|Rewind) workflow/ }).count(),
    ).resolves.toBe(0);
    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows?status=PENDING`);
    await page.getByTestId('workflow-row').first().waitFor();
    await page.getByLabel(/^Auto-refresh/).uncheck();
    await page.getByTestId('workflow-row').first().getByRole('checkbox').check();
    expect(await page.getByRole('button', { name: 'Cancel selected' }).isDisabled()).toBe(true);
  });

  it('shows the last-known workflows, marked, with actions off, when the executor goes away', async () => {
    await page.getByLabel(/^Auto-refresh/).check();
    await example?.stop();
    await page.getByTestId('live-executors').and(page.locator('[data-count="0"]')).waitFor();
    // The next refresh is answered from the control plane's last-known index.
    const banner = page.getByTestId('last-known-banner');
    await banner.waitFor();
    await expect(text(banner)).resolves.toMatch(/^Last known at .+ — no executor connected\./);
    // The executor's last per-status counts are out of date: gone; the total is the index's.
    await expect(page.locator('[data-testid^="status-count-"]').count()).resolves.toBe(0);
    await expect(text(page.getByTestId('workflow-total'))).resolves.toMatch(/^\d+/);
    await page.getByTestId('workflow-row').first().getByRole('checkbox').check();
    const offline = async (button: Locator) => {
      expect(await button.isDisabled()).toBe(true);
      await expect(button.getAttribute('title')).resolves.toBe(NEEDS_LIVE_EXECUTOR);
      await expect(button.getAttribute('aria-describedby')).resolves.toBe(LAST_KNOWN_BANNER_ID);
    };
    await offline(page.getByRole('button', { name: 'Cancel selected' }));
    await offline(page.getByRole('button', { name: 'Delete selected' }));
    await page.screenshot({ path: screenshot('last-known-list') });
    await assertAccessible(page, 'last-known list');

    // A deep link still opens: its metadata, with what needs a live executor said so.
    await page.goto(`${consoleUrl}${someWorkflowPath}`);
    await page.getByTestId('last-known-banner').waitFor();
    await page.getByTestId('workflow-status').waitFor();
    await page.getByTestId('payloads-need-executor').waitFor();
    await page.getByTestId('steps-need-executor').waitFor();
    for (const name of [
      'Cancel workflow',
      'Resume workflow',
      'Fork from step…',
      'Delete workflow…',
    ]) {
      await offline(page.getByRole('button', { name }));
    }
    await page.screenshot({ path: screenshot('last-known-detail') });
    await assertAccessible(page, 'last-known workflow');

    // It was stopped (SIGTERM: the SDK closes its link normally), so it reads so.
    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/executors`);
    const stopped = page.locator('[data-testid="executor-row"][data-stopped="true"]');
    await expect(text(stopped.first().getByTestId('executor-status'))).resolves.toMatch(
      /^(DISCONNECTED|DEAD) · stopped$/,
    );
    await stopped.first().waitFor();
    const status = page.getByLabel('Status');
    await status.selectOption('HEALTHY');
    await page.getByText('No executor matches these filters').waitFor();
    await status.selectOption('STOPPED');
    await stopped.first().waitFor();
    const rows = page.getByTestId('executor-row');
    expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.dataset.stopped)))).toEqual(
      new Set(['true']),
    );
    await status.selectOption('');

    // History older than the window (24 h by default) is hidden until asked for.
    await database!.execute(
      "UPDATE executors SET connected_at = connected_at - interval '8 days', " +
        "disconnected_at = disconnected_at - interval '8 days', " +
        "last_seen_at = last_seen_at - interval '8 days'",
    );
    await page.getByTestId('executors-hidden').waitFor();
    await expect(rows.count()).resolves.toBe(0);
    await assertAccessible(page, 'executors, history hidden');
    await page.getByLabel('History').selectOption('all');
    await stopped.first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lets the viewer leave the organization, and takes them home', async () => {
    await page.goto(`${consoleUrl}/orgs/acme/members`);
    await page.getByTestId('member-row').filter({ hasText: '(you)' }).getByRole('button').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Leave' }).click();
    await page.waitForURL(`${consoleUrl}/`);
    await page
      .getByRole('heading', { name: /organizations/i })
      .first()
      .waitFor();
    await expect(page.getByRole('link', { name: 'acme' }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
