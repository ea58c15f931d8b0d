// The workflow page's Restart and Rewind actions, in a journey of their own (they change the
// workflow they act on, so no other journey's steps count on what they leave behind). All real:
// the built control plane on a scratch PostgreSQL database, the console's server, Chromium,
// axe-core after every step, and the example app (@podium/sdk) connected with a key made in
// the browser. The example starts one round of workflows and no more, slowed down fourfold:
// its thumbnails (no random failure, about 5 s) finish and are re-run, its nightly report stays
// in its durable sleep for two minutes.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirm, joinWithRole, text, waitForStatus } from './support/console-actions';
import { viewer } from './support/accounts';
import { CONNECT_STEP_TIMEOUT_MS, useExampleAppJourney } from './support/example-app-owner';

/** One round of traffic at start (the next would come in an hour), every wait ×4. */
const EXAMPLE_ENV = { EXAMPLE_INTERVAL_MS: '3600000', EXAMPLE_TIME_SCALE: '4' };

describe('restarting and rewinding a workflow from its page', () => {
  const journey = useExampleAppJourney();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];
  /** The finished thumbnail that is rewound, then restarted. */
  let originalId = '';

  const workflowsUrl = (query = '') => `${consoleUrl}/orgs/acme/apps/shop/workflows${query}`;
  const rewindButton = () => page.getByRole('button', { name: 'Rewind workflow…' });
  const restartButton = () => page.getByRole('button', { name: 'Restart workflow…' });

  /** Opens the first workflow of the list that is `name` and `status`. */
  const openFirst = async (name: string, status: string) => {
    await page.goto(workflowsUrl(`?status=${status}&name=${name}`));
    const row = page.locator(
      `[data-testid="workflow-row"][data-workflow-name="${name}"][data-status="${status}"]`,
    );
    // The list refreshes itself until one is there.
    await row.first().getByRole('link').click({ timeout: 60_000 });
    await waitForStatus(page, [status]);
  };

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = journey.session());
  });

  it(
    'connects the example app with a key made in the console',
    () => journey.connect(EXAMPLE_ENV, ['thumbnail', 'nightlyReport']),
    CONNECT_STEP_TIMEOUT_MS,
  );

  it('offers no rewind of a workflow still running, saying why', async () => {
    // The nightly report sleeps durably for two minutes (×4): PENDING all through this step.
    await openFirst('nightlyReport', 'PENDING');
    await expect(rewindButton().isDisabled()).resolves.toBe(true);
    await expect(rewindButton().getAttribute('title')).resolves.toBe(
      'A workflow in PENDING is still active: cancel it first.',
    );
  }, 90_000);

  it('rewinds a finished workflow in place: same id, run again to SUCCESS', async () => {
    await openFirst('thumbnail', 'SUCCESS');
    originalId = await text(page.getByTestId('workflow-id'));
    await rewindButton().click();
    await confirm(page, 'Yes, rewind workflow');
    // Back in line under the same id. Its re-run takes about 5 s, and the notice shows only
    // once the page has asked again: both still see it unfinished.
    await expect(text(page.getByTestId('action-notice'))).resolves.toMatch(
      /^Rewound: now (ENQUEUED|PENDING)\.$/,
    );
    await waitForStatus(page, ['ENQUEUED', 'PENDING']);
    await waitForStatus(page, ['SUCCESS'], { timeout: 45_000 });
    await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(originalId);
  }, 90_000);

  it('restarts it as a new workflow, forked from the original', async () => {
    await restartButton().click();
    await confirm(page, 'Yes, restart workflow');
    const result = page.getByTestId('restart-result');
    await expect(text(result)).resolves.toMatch(/^Restarted as \S+ \(/);
    const newId = await text(result.getByRole('link'));
    expect(newId).not.toBe(originalId);
    await result.getByRole('link').click();
    await page.waitForURL(workflowsUrl(`/${encodeURIComponent(newId)}`));
    await expect(text(page.getByTestId('workflow-id'))).resolves.toBe(newId);
    await page.getByRole('link', { name: originalId }).waitFor(); // "Forked from"
    await waitForStatus(page, ['SUCCESS'], { timeout: 45_000 });
  }, 90_000);

  it('shows a viewer neither Restart nor Rewind', async () => {
    await joinWithRole(page, consoleUrl, { org: 'acme', role: 'VIEWER', account: viewer });
    await page.goto(workflowsUrl(`/${encodeURIComponent(originalId)}`));
    await waitForStatus(page, ['SUCCESS']);
    await expect(
      page.getByRole('button', { name: 'Delete workflow…' }).getAttribute('title'),
    ).resolves.toBe('Your role can view workflows but not act on them.');
    await expect(restartButton().count()).resolves.toBe(0);
    await expect(rewindButton().count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
