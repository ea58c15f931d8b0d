// The pages for what DBOS apps keep besides workflows, against real DBOS Transact 5.2.11 apps:
// an app's schedules (pause, resume, trigger, backfill with its run count shown first), a
// workflow's events, messages and streams, exporting it to a file and importing that file into
// another application, and making an older version the latest. All real: the built control
// plane on a scratch PostgreSQL database, the console's server, Chromium, axe-core after every
// step, and two DBOS apps (three executors) connected with a key made in the browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWindowInput } from '../src/features/schedules/backfill-window';
import { assertAccessible, sidewaysOverflow } from './support/accessibility';
import {
  createExecutorKey,
  confirm,
  createOrganization,
  signOut,
  signUp,
  text,
} from './support/console-actions';
import { owner, viewer } from './support/accounts';
import { useConsoleSession } from './support/console-session';
import { startDbosExecutor, type DbosExecutor } from './support/dbos-executor';

describe('schedules, workflow history, export and import, and versions of DBOS apps', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];
  const executors: DbosExecutor[] = [];
  let shop: DbosExecutor;
  let warehouse: DbosExecutor;
  let connect = { apiKey: '', conductorUrl: '' };
  let chatty = '';
  let exportFile = '';

  const appUrl = (app: string, rest = '') => `${consoleUrl}/orgs/acme/apps/${app}${rest}`;
  const scheduleRow = () =>
    page.locator('[data-testid="schedule-row"][data-schedule="nightly-report"]');
  const scheduleStatus = (status: string) =>
    scheduleRow().locator(`[data-testid="schedule-status"][data-status="${status}"]`).waitFor();

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  afterAll(async () => {
    // The newest first: a second executor of an app shares the first one's system database.
    for (const executor of executors.reverse()) await executor.stop();
  });

  it('connects two DBOS apps with a key made in the console', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    for (const app of ['shop', 'warehouse']) {
      await page.goto(`${consoleUrl}/orgs/acme`);
      await page.getByLabel('Application name').fill(app);
      await page.getByRole('button', { name: 'Create application' }).click();
      await page.waitForURL(appUrl(app, '/workflows'));
    }
    connect = await createExecutorKey(page, consoleUrl, { org: 'acme', name: 'dbos executors' });

    [shop, warehouse] = await Promise.all([
      startDbosExecutor({ ...connect, appName: 'shop', scenario: 'surface' }),
      startDbosExecutor({ ...connect, appName: 'warehouse' }),
    ]);
    executors.push(shop, warehouse);
    chatty = shop.workflows.chatty ?? '';
    expect(chatty).toMatch(/^chatty-/);
  });

  it("lists the app's schedules with their cron, next and last run", async () => {
    const rendered = Date.now();
    await page.goto(appUrl('shop', '/workflows'));
    await page
      .getByRole('navigation', { name: 'Application' })
      .getByRole('link', { name: 'Schedules' })
      .click();
    await page.waitForURL(appUrl('shop', '/schedules'));
    await scheduleStatus('ACTIVE');
    const row = scheduleRow();
    await expect(text(row)).resolves.toContain('0 3 * * *');
    await expect(text(row)).resolves.toContain('nightly');
    // The next 03:00 UTC, computed from the cron expression.
    const next = await row
      .getByTestId('schedule-next-run')
      .locator('time')
      .getAttribute('datetime');
    expect(new Date(next ?? '').getUTCHours()).toBe(3);
    expect(Date.parse(next ?? '')).toBeGreaterThan(rendered);
  });

  it('pauses and resumes a schedule, its status read back from the app', async () => {
    await page.getByRole('button', { name: 'Pause nightly-report' }).click();
    await expect(text(page.getByTestId('schedule-outcome'))).resolves.toContain(
      'Paused nightly-report',
    );
    await scheduleStatus('PAUSED');
    await expect(text(scheduleRow().getByTestId('schedule-next-run'))).resolves.toBe('paused');
    await page.reload();
    await scheduleStatus('PAUSED');

    await page.getByRole('button', { name: 'Resume nightly-report' }).click();
    await page
      .getByTestId('schedule-outcome')
      .filter({ hasText: 'Resumed nightly-report' })
      .waitFor();
    await scheduleStatus('ACTIVE');
  });

  it('triggers a run now and links to it', async () => {
    await page.getByRole('button', { name: 'Trigger now: nightly-report' }).click();
    const outcome = page.getByTestId('schedule-outcome');
    await outcome.filter({ hasText: 'Started one run of nightly-report' }).waitFor();
    const run = outcome.getByRole('link');
    const runId = await text(run);
    await run.click();
    await page.waitForURL(appUrl('shop', `/workflows/${encodeURIComponent(runId)}`));
    await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(runId);
    await page.locator('[data-testid="workflow-status"][data-status="SUCCESS"]').waitFor();
  });

  it('shows how many runs a backfill window will start before starting them', async () => {
    await page.goto(appUrl('shop', '/schedules'));
    await page.getByRole('button', { name: 'Backfill nightly-report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backfill nightly-report' });
    const count = dialog.getByTestId('backfill-count');
    // The last 24 hours by default: 03:00 comes once (the count appears once croner loaded).
    await dialog.locator('[data-testid="backfill-count"][data-count="1"]').waitFor();

    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const start = new Date(end.getTime() - 72 * 3600_000);
    await dialog.getByLabel('Start').fill(toWindowInput(start, 'local'));
    await dialog.getByLabel('End').fill(toWindowInput(end, 'local'));
    // 03:00 comes three times in any 72 hours.
    await dialog.locator('[data-testid="backfill-count"][data-count="3"]').waitFor();
    await expect(text(count)).resolves.toContain('up to 3 runs will start');
    await dialog.getByRole('button', { name: 'Start 3 runs' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(text(page.getByTestId('schedule-outcome'))).resolves.toBe(
      'Backfilled nightly-report: started 3 runs.',
    );
  });

  it('fits a phone and reads well in dark mode: schedules and the backfill form', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await scheduleRow().waitFor();
      await expect(sidewaysOverflow(page)).resolves.toEqual([]);
      await page.getByRole('button', { name: 'Backfill nightly-report' }).click();
      const dialog = page.getByRole('dialog', { name: 'Backfill nightly-report' });
      await dialog.getByTestId('backfill-count').waitFor();
      await expect(sidewaysOverflow(page)).resolves.toEqual([]);
      await assertAccessible(page, 'the backfill form, dark, on a phone');
      await dialog.getByRole('button', { name: 'Back' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Back where it was opened from.
      await page
        .getByRole('button', { name: 'Backfill nightly-report' })
        .and(page.locator(':focus'))
        .waitFor();
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    // axe checks the dark page after this step; light again in the next.
  });

  it("shows a workflow's events, messages (consumed or not) and streams", async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(appUrl('shop', `/workflows/${chatty}`));
    const status = page.locator('[data-testid="workflow-event"][data-key="status"]');
    await expect(text(status.getByTestId('payload-text'))).resolves.toContain('greeting podium');
    const received = page.locator('[data-testid="workflow-event"][data-key="received"]');
    await expect(text(received.getByTestId('payload-text'))).resolves.toContain('hello there');

    const message = (topic: string) =>
      page.locator(`[data-testid="workflow-notification"][data-topic="${topic}"]`);
    await expect(message('inbox').getAttribute('data-consumed')).resolves.toBe('true');
    await expect(text(message('inbox'))).resolves.toContain('hello there');
    await expect(message('later').getAttribute('data-consumed')).resolves.toBe('false');
    await expect(text(message('later'))).resolves.toContain('not consumed');
    await expect(text(message('later'))).resolves.toContain('left unread');

    const lines = page.locator('[data-testid="workflow-stream"][data-key="lines"]');
    const lineValues = async () =>
      (await lines.getByTestId('stream-value').allTextContents()).filter((v) => v.includes('line'));
    // The streams arrive with their own request: ask until they are there.
    await expect
      .poll(lineValues, { timeout: 20_000 })
      .toEqual([
        expect.stringContaining('first line') as string,
        expect.stringContaining('second line') as string,
      ]);
    await lines.getByRole('button', { name: 'Copy every value of stream lines' }).waitFor();
  });

  it('reads well in dark mode and on a phone', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.getByTestId('workflow-stream').waitFor();
      await expect(sidewaysOverflow(page)).resolves.toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    // axe checks the dark page after this step; light again in the next.
  });

  it('downloads the export as a file holding the export', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download export' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${chatty}.export.json`);
    exportFile = (await download.path()) ?? '';
    const exported = JSON.parse(fs.readFileSync(exportFile, 'utf8')) as {
      serializedWorkflow: string;
    };
    expect(Object.keys(exported)).toEqual(['serializedWorkflow']);
    // Base64 of gzip, the workflow inside: what the control plane exported.
    const inside = gunzipSync(Buffer.from(exported.serializedWorkflow, 'base64')).toString();
    expect(inside).toContain(chatty);
    await page.getByTestId('export-outcome').waitFor();
  });

  it('imports the file into another application, which then has the workflow', async () => {
    await page.getByRole('button', { name: 'Import a workflow…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a workflow' });
    await dialog.getByLabel('Export file').setInputFiles(exportFile);
    await dialog.getByLabel('Into application').selectOption({ label: 'acme / warehouse' });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const outcome = page.getByTestId('import-outcome');
    await expect(text(outcome)).resolves.toContain('Imported into acme / warehouse');
    await outcome.getByRole('link', { name: chatty }).click();
    await page.waitForURL(appUrl('warehouse', `/workflows/${chatty}`));
    await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(chatty);
    const status = page.locator('[data-testid="workflow-event"][data-key="status"]');
    await expect(text(status.getByTestId('payload-text'))).resolves.toContain('greeting podium');
  });

  it('says why an import is refused: the app already has it, or another language wrote it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-console-import-'));
    const pythonExport = path.join(dir, 'python.export.json');
    // A Python executor's export: a pickle, which no TypeScript executor may read.
    const pickle = gzipSync(Buffer.from('\u0080\u0004pickle')).toString('base64');
    fs.writeFileSync(pythonExport, JSON.stringify({ serializedWorkflow: pickle }));

    await page.getByRole('button', { name: 'Import a workflow…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a workflow' });
    await expect(dialog.getByLabel('Into application').inputValue()).resolves.toBe(
      JSON.stringify(['acme', 'warehouse']),
    );
    const problem = dialog.getByTestId('import-problem');
    await dialog.getByLabel('Export file').setInputFiles(exportFile);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(text(problem)).resolves.toMatch(/already/i);

    await dialog.getByLabel('Export file').setInputFiles(pythonExport);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await problem.filter({ hasText: 'written by a Python executor' }).waitFor();
    await expect(text(problem)).resolves.toContain('not portable across languages');
    fs.rmSync(dir, { recursive: true });
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('makes an older version the latest again, focus back on its button', async () => {
    // A second executor of warehouse on a new version: it registers as the latest.
    const upgraded = await startDbosExecutor({
      ...connect,
      appName: 'warehouse',
      appVersion: 'warehouse-v2',
      systemDatabaseUrl: warehouse.systemDatabaseUrl,
    });
    executors.push(upgraded);
    await page.goto(appUrl('warehouse', '/versions'));
    const rows = page.getByTestId('version-row');
    await page.locator('[data-testid="version-row"][data-version="warehouse-v2"]').waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const names = await rows.evaluateAll((all) => all.map((r) => r.dataset.version ?? ''));
    const older = names.find((name) => name !== 'warehouse-v2') ?? '';
    const latest = (name: string) =>
      page.locator(`[data-testid="version-row"][data-version="${name}"] .badge`);
    await expect(text(latest('warehouse-v2'))).resolves.toBe('latest');

    await page.getByRole('button', { name: `Make latest: ${older}` }).click();
    await confirm(page, 'Make latest');
    await expect(text(page.getByTestId('version-outcome'))).resolves.toBe(
      `${older} is now the latest version.`,
    );
    await expect(text(latest(older))).resolves.toBe('latest');
    await expect(latest('warehouse-v2').count()).resolves.toBe(0);
    await page
      .locator(`[data-testid="version-row"][data-version="${older}"] button:focus`)
      .waitFor();
  });

  it('lets a viewer read schedules, versions and a workflow’s history, but not act', async () => {
    await page.goto(`${consoleUrl}/orgs/acme/members`);
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByRole('button', { name: 'Create join link' }).click();
    const joinLink = await text(page.getByTestId('join-link'));
    await signOut(page);
    await signUp(page, consoleUrl, viewer);
    await page.goto(joinLink);
    await page.getByRole('button', { name: 'Join organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme`);

    await page.goto(appUrl('shop', '/schedules'));
    await scheduleStatus('ACTIVE');
    await expect(scheduleRow().getByRole('button').count()).resolves.toBe(0);

    await page.goto(appUrl('warehouse', '/versions'));
    await page.getByTestId('version-row').first().waitFor();
    await expect(page.getByTestId('version-table').getByRole('button').count()).resolves.toBe(0);

    await page.goto(appUrl('shop', `/workflows/${chatty}`));
    await page.getByTestId('workflow-event').first().waitFor();
    await page.getByRole('button', { name: 'Download export' }).waitFor();
    await expect(page.getByRole('button', { name: 'Import a workflow…' }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
