// Acting on workflows from the console, in a journey of its own: the example app (@podium/sdk,
// a round of workflows every 2 s) connected with a key made in the browser, then a cancel that
// lost the race to completion, cancel, resume and fork from a workflow's page, the same on
// several at once (and the audit log of it), the less common filters, forking failed imports,
// a failed refresh under an open dialog, and deleting. All real: the built control plane on a
// scratch PostgreSQL database, the console's server, Chromium, axe-core after every step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertAccessible } from './support/accessibility';
import { owner } from './support/accounts';
import { confirm, text, waitForStatus } from './support/console-actions';
import { CONNECT_STEP_TIMEOUT_MS, useExampleAppJourney } from './support/example-app-owner';
import {
  failReads,
  REFRESH_FAILED_TIMEOUT_MS,
  whileRefreshFails,
} from './support/intercepted-reads';

/**
 * For the steps whose own waits on the example's workflows (a sleep to end, an import to fail)
 * add up to a minute and a half or more: above that sum, where the file's default is 60 s.
 */
const LONG_STEP_TIMEOUT_MS = CONNECT_STEP_TIMEOUT_MS;

const SCREENSHOT_DIR = process.env.PODIUM_SCREENSHOT_DIR ?? os.tmpdir();
const SCREENSHOT = path.join(SCREENSHOT_DIR, 'console-workflows.png');

/** The workflow names of the rows on the page. */
const workflowNames = (page: Page) =>
  page.getByTestId('workflow-row').evaluateAll((rows) => rows.map((r) => r.dataset.workflowName));

describe('acting on workflows: one, several, forks, deletes', () => {
  const journey = useExampleAppJourney();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = journey.session());
  });

  it(
    'connects the example app with a key made in the console',
    () =>
      journey.connect({ EXAMPLE_INTERVAL_MS: '2000' }, [
        'nightlyReport',
        'thumbnail',
        'importBatch',
      ]),
    CONNECT_STEP_TIMEOUT_MS,
  );

  it(
    'says a cancel that lost the race to completion cancelled nothing, and audits it so',
    async () => {
      // nightlyReport sleeps 30 s: the oldest pending one is the next to finish.
      await page.goto(
        `${consoleUrl}/orgs/acme/apps/shop/workflows?status=PENDING&name=nightlyReport&sort=created`,
      );
      const row = page.getByTestId('workflow-row').first();
      await row.waitFor({ timeout: 30_000 });
      await page.getByLabel(/^Auto-refresh/).uncheck(); // the list still shows it PENDING
      const id = (await row.getAttribute('data-workflow-id')) ?? '';
      await row.getByRole('checkbox').check();
      const api = `${consoleUrl}/api/v2/orgs/acme/apps/shop/workflows/${encodeURIComponent(id)}`;
      await expect
        .poll(
          async () => ((await (await page.request.get(api)).json()) as { status: string }).status,
          { timeout: 60_000, interval: 500 },
        )
        .toBe('SUCCESS');
      await page.getByRole('button', { name: 'Cancel selected' }).click();
      await confirm(page, 'Cancel workflows');
      await expect(text(page.getByTestId('bulk-outcome'))).resolves.toContain(
        'Cancel: 1 already finished (SUCCESS): nothing cancelled.',
      );
      const audit = (await (
        await page.request.get(
          `${consoleUrl}/api/v2/orgs/acme/audit-logs?operation=workflow.bulk_cancel`,
        )
      ).json()) as { target: { id: string }; details: Record<string, unknown> }[];
      expect(audit.find((e) => e.target.id === id)?.details).toMatchObject({
        result: 'ALREADY_FINISHED',
        status: 'SUCCESS',
        summary: 'already finished (SUCCESS): nothing cancelled',
      });
    },
    LONG_STEP_TIMEOUT_MS,
  );

  it(
    'cancels a pending workflow, resumes it, and forks it from a step',
    async () => {
      // nightlyReport sleeps 30 s: there is always one pending to act on.
      await page.goto(
        `${consoleUrl}/orgs/acme/apps/shop/workflows?status=PENDING&name=nightlyReport`,
      );
      await page.getByTestId('workflow-row').first().getByRole('link').click();
      await waitForStatus(page, ['PENDING']);
      // Why it is pending: its executor (the example app) is connected.
      const note = page.getByTestId('execution-note');
      await expect(note.getAttribute('data-state')).resolves.toBe('running');
      await expect(text(note)).resolves.toMatch(/^Runs on executor .+, connected\.$/);
      // Its durable sleep: the wake-up time as a date (not the epoch number the step returned),
      // and on the timeline a bar up to it.
      const wake = page.getByTestId('sleep-wake-up');
      await wake.waitFor({ timeout: 30_000 });
      await expect(text(wake)).resolves.toMatch(/^(wakes|woke) up \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const sleepBar = page.locator('[data-testid="timeline-step"][data-step-name="podium.sleep"]');
      await expect(text(sleepBar.getByTestId('timeline-wake-up'))).resolves.toMatch(
        /^wakes \d{4}-/,
      );
      // Why it waits: its sleep, as a wake-up time and a countdown — unless it woke meanwhile.
      const waiting = await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="wait-note"]')?.textContent ??
          (/^woke/.test(document.querySelector('[data-testid="sleep-wake-up"]')?.textContent ?? '')
            ? 'woke'
            : null),
        undefined,
        { timeout: 30_000 },
      );
      const waitText = String(await waiting.jsonValue());
      if (waitText !== 'woke') {
        expect(waitText).toMatch(
          /^Sleeps durably until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: wakes in \d+ (s|min \d+ s)\.$/,
        );
      }
      await page.screenshot({ path: SCREENSHOT.replace('.png', '-pending.png'), fullPage: true });

      await page.getByRole('button', { name: 'Cancel workflow' }).click();
      await confirm(page, 'Yes, cancel workflow');
      await expect(waitForStatus(page, ['CANCELLED'])).resolves.toBe('CANCELLED');
      await expect(text(page.getByTestId('action-notice'))).resolves.toBe(
        'Cancelled: now CANCELLED.',
      );
      expect(await page.getByRole('button', { name: 'Cancel workflow' }).isDisabled()).toBe(true);

      await page.getByRole('button', { name: 'Resume workflow' }).click();
      await confirm(page, 'Yes, resume workflow');
      await waitForStatus(page, ['ENQUEUED', 'PENDING', 'SUCCESS']);

      const originalId = await text(page.getByTestId('workflow-id'));
      // Closing a dialog hands focus back to the button that opened it.
      const forkButton = page.getByRole('button', { name: 'Fork from step…' });
      await forkButton.click();
      await page.getByRole('dialog', { name: 'Fork workflow' }).waitFor();
      await assertAccessible(page, 'the fork dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await expect(forkButton.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
      await forkButton.click();
      const fork = page.getByRole('dialog', { name: 'Fork workflow' });
      await fork.getByLabel('Start from step').selectOption({ label: '0 · gatherMetrics' });
      await fork.getByLabel('New workflow ID').fill('nightly-fork-1');
      await fork.getByRole('button', { name: 'Fork workflow' }).click();
      const result = page.getByTestId('fork-result');
      await expect(text(result)).resolves.toContain('Forked as nightly-fork-1');
      await result.getByRole('link').click();
      await page.waitForURL(/\/workflows\/nightly-fork-1$/);
      await expect(text(page.getByTestId('workflow-id'))).resolves.toBe('nightly-fork-1');
      await waitForStatus(page, ['ENQUEUED', 'PENDING', 'SUCCESS']);
      await page.getByRole('link', { name: originalId }).waitFor(); // "Forked from"
    },
    LONG_STEP_TIMEOUT_MS,
  );

  it('cancels and resumes several workflows at once', async () => {
    await page.goto(
      `${consoleUrl}/orgs/acme/apps/shop/workflows?status=PENDING&name=nightlyReport`,
    );
    await page.getByTestId('workflow-row').first().waitFor();
    await page.getByLabel(/^Auto-refresh/).uncheck(); // keep the rows still while selecting
    await page.getByRole('checkbox', { name: 'Select all workflows on this page' }).check();
    await page.getByRole('button', { name: 'Cancel selected' }).click();
    await confirm(page, 'Cancel workflows');
    await expect(text(page.getByTestId('bulk-outcome'))).resolves.toMatch(
      /^Cancel: \d+ now CANCELLED\./,
    );

    await page.goto(
      `${consoleUrl}/orgs/acme/apps/shop/workflows?status=CANCELLED&name=nightlyReport`,
    );
    await page.getByTestId('workflow-row').first().waitFor();
    await page.getByLabel(/^Auto-refresh/).uncheck();
    await page.getByRole('checkbox', { name: 'Select all workflows on this page' }).check();
    await page.getByRole('button', { name: 'Resume selected' }).click();
    await confirm(page, 'Resume workflows');
    await expect(text(page.getByTestId('bulk-outcome'))).resolves.toMatch(
      /^Resume: \d+ now (ENQUEUED|PENDING)/,
    );

    // Resumed workflows sit on the SDK's internal queue: the API says so, the console never.
    const internal = (await (
      await page.request.get(
        `${consoleUrl}/api/v2/orgs/acme/apps/shop/workflows?queueName=_podium_internal_queue`,
      )
    ).json()) as { workflowId: string }[];
    const onInternalQueue = encodeURIComponent(internal[0]?.workflowId ?? '');
    expect(onInternalQueue).not.toBe('');
    for (const [path, shown] of [
      ['workflows?name=nightlyReport&limit=100', 'workflow-row'],
      [`workflows/${onInternalQueue}`, 'workflow-id'],
      ['queues', 'queue-table'],
    ] as const) {
      await page.goto(`${consoleUrl}/orgs/acme/apps/shop/${path}`);
      await page.getByTestId(shown).first().waitFor();
      await expect(page.locator('body').innerText()).resolves.not.toContain('_internal_queue');
    }

    // Every one of those actions is in the audit log, with who did it.
    await page.goto(`${consoleUrl}/orgs/acme/audit`);
    await page.getByLabel('Operation').fill('workflow.cancel');
    await page.getByRole('button', { name: 'Apply' }).click();
    const entry = page
      .locator('[data-testid="audit-row"][data-operation="workflow.cancel"]')
      .first();
    await expect(text(entry)).resolves.toContain(owner.email);
    // The application by name, the details unfolded, the target a link to the workflow.
    // (Names come from the applications query, which may answer after the log.)
    await entry.locator('[data-testid="audit-application"]', { hasText: /^shop$/ }).waitFor();
    const details = entry.getByTestId('audit-details');
    await details.locator('summary').click();
    await expect(text(details.locator('pre'))).resolves.toContain('"application": "shop"');
    await assertAccessible(page, 'the audit log, details unfolded');
    const target = entry.getByTestId('audit-target').getByRole('link');
    const targetId = (await target.getAttribute('title')) ?? '';
    await target.click();
    await page.waitForURL(/\/apps\/shop\/workflows\/[^/]+$/);
    await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(targetId);
  });

  it('filters by queue and by the workflow a fork came from, behind "More filters"', async () => {
    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows`);
    await page.getByText('More filters').click();
    await page.getByRole('textbox', { name: 'Queue' }).fill('media');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/queue=media/);
    await page
      .locator('[data-testid="workflow-row"][data-workflow-name="thumbnail"]')
      .first()
      .waitFor();
    // The rows of the unfiltered list may show until the filtered page arrives.
    await expect
      .poll(async () => new Set(await workflowNames(page)), { timeout: 20_000 })
      .toEqual(new Set(['thumbnail']));

    // Reloaded from the URL alone, the group is open with its filter in it.
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Queue' }).inputValue()).resolves.toBe('media');

    // To the unfiltered list through the app's tab (the same page, its URL changed): the field
    // follows the URL.
    await page
      .getByRole('navigation', { name: 'Application' })
      .getByRole('link', { name: 'Workflows' })
      .click();
    await page.waitForURL((url) => url.pathname.endsWith('/workflows') && url.search === '');
    await page.locator('details.more-filters:not([open])').waitFor(); // none of its filters set
    await page.getByText('More filters').click();
    await expect(page.getByRole('textbox', { name: 'Queue' }).inputValue()).resolves.toBe('');
  });

  it(
    'forks failed imports at once, and finds each fork by the workflow it came from',
    async () => {
      // A third of the example's imports fail for good (ERROR): some are there within a minute.
      await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows?status=ERROR&name=importBatch`);
      const failed = page.getByTestId('workflow-row').first();
      await failed.waitFor({ timeout: 90_000 });
      await page.getByLabel(/^Auto-refresh/).uncheck();
      const failedId = (await failed.getAttribute('data-workflow-id')) ?? '';
      expect(failedId).not.toBe('');
      await page.getByRole('checkbox', { name: 'Select all workflows on this page' }).check();
      await page.getByRole('button', { name: 'Fork from failure selected' }).click();
      await confirm(page, 'Fork from failure workflows');
      await expect(text(page.getByTestId('bulk-outcome'))).resolves.toMatch(
        /^Fork from failure: \d+ forked\./,
      );
      // Each new workflow is a link to it.
      const forkLink = page.getByTestId('bulk-fork-link').first();
      const forkId = await text(forkLink);
      expect(forkId).not.toBe('');
      await forkLink.click();
      await page.waitForURL((url) =>
        url.pathname.endsWith(`/workflows/${encodeURIComponent(forkId)}`),
      );
      await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(forkId);

      await page.goto(
        `${consoleUrl}/orgs/acme/apps/shop/workflows?forkedFrom=${encodeURIComponent(failedId)}`,
      );
      const fork = page.getByTestId('workflow-row');
      await fork.first().waitFor();
      await expect(fork.count()).resolves.toBe(1);
      await expect(workflowNames(page)).resolves.toEqual(['importBatch']);

      // The failed one's error: a serialised error, so JSON, shown re-indented, downloadable.
      await page.goto(
        `${consoleUrl}/orgs/acme/apps/shop/workflows/${encodeURIComponent(failedId)}`,
      );
      await waitForStatus(page, ['ERROR']);
      await expect(text(page.getByTestId('workflow-error-summary'))).resolves.toMatch(/malformed/);
      const error = page.getByTestId('workflow-error');
      await expect(error.getAttribute('data-kind')).resolves.toBe('json');
      const pretty = (await error.getByTestId('payload-text').textContent()) ?? '';
      expect(pretty).toMatch(/^\{\n {2}"/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        error.getByRole('button', { name: /^Download error as / }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${failedId}-error.json`.replace(/[^\w.-]+/g, '_'));
      expect(JSON.parse(fs.readFileSync(await download.path(), 'utf8'))).toMatchObject({
        message: expect.stringContaining('malformed') as unknown,
      });
    },
    LONG_STEP_TIMEOUT_MS,
  );

  /** Opens the page of a finished thumbnail workflow; returns its id. */
  async function openFinishedThumbnail(): Promise<string> {
    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows?status=SUCCESS&name=thumbnail`);
    const row = page.getByTestId('workflow-row').first();
    await row.waitFor();
    const id = (await row.getAttribute('data-workflow-id')) ?? '';
    await row.getByRole('link').click();
    await waitForStatus(page, ['SUCCESS']);
    return id;
  }

  it("keeps the list's rows on screen when a refresh fails", async () => {
    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows?status=SUCCESS&name=thumbnail`);
    const rows = page.getByTestId('workflow-row');
    await rows.first().waitFor();
    const restore = await failReads(page, '/api/v2/orgs/acme/apps/shop/workflows/search', 'POST');
    const failed = page.getByTestId('workflows-error');
    await failed.waitFor({ timeout: REFRESH_FAILED_TIMEOUT_MS });
    expect(await rows.count()).toBeGreaterThan(0);
    await restore();
    await failed.waitFor({ state: 'detached', timeout: REFRESH_FAILED_TIMEOUT_MS });
  });

  it('keeps a workflow and its open dialog on screen when a refresh fails', async () => {
    const id = await openFinishedThumbnail();
    await page.getByRole('button', { name: 'Delete workflow…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();

    await whileRefreshFails(
      page,
      `/api/v2/orgs/acme/apps/shop/workflows/${encodeURIComponent(id)}`,
      async () => {
        await expect(dialog.isVisible()).resolves.toBe(true);
        await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(id);
      },
    );
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('deletes a finished workflow from its page, and several from the list', async () => {
    const deletedId = await openFinishedThumbnail();
    await page.getByRole('button', { name: 'Delete workflow…' }).click();
    await confirm(page, 'Yes, delete workflow');
    await page.waitForURL((url) => url.pathname.endsWith('/apps/shop/workflows'));
    await page.goto(
      `${consoleUrl}/orgs/acme/apps/shop/workflows?id=${encodeURIComponent(deletedId)}`,
    );
    await page.getByTestId('no-matches').waitFor();

    await page.goto(`${consoleUrl}/orgs/acme/apps/shop/workflows?status=SUCCESS&name=thumbnail`);
    await page.getByTestId('workflow-row').first().waitFor();
    await page.getByLabel(/^Auto-refresh/).uncheck();
    await page.getByRole('checkbox', { name: 'Select all workflows on this page' }).check();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await confirm(page, 'Delete workflows');
    await expect(text(page.getByTestId('bulk-outcome'))).resolves.toMatch(/^Delete: \d+ deleted\./);
  });

  it('logged no error in the page on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
