// The Alerts page of an application, end to end: an owner adds a webhook (its secret shown
// once) and an UnresponsiveApplication rule to an app with no executor; the rule turns FIRING,
// the webhook receives a signed notification, and the page lists the delivery with its
// attempt; the rule is then edited and deleted. All real: the built control plane (evaluating every
// 200 ms) on a scratch PostgreSQL database, the console's server, Chromium, an HTTP receiver.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertAccessible } from './support/accessibility';
import { launchChromium, openPage, type Browser } from './support/chromium';
import { reportPageOnFailure } from './support/failure-evidence';
import { confirm, signUp, text, type Account } from './support/console-actions';
import {
  assertConsoleStackBuilt,
  repoRoot,
  startConsoleStack,
  type ConsoleStack,
} from './support/console-stack';
import { createMigratedDatabase, type ScratchDatabase } from './support/scratch-database';

const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};

interface Received {
  readonly signature: string;
  readonly body: string;
}

describe('the Alerts page: rules, their state, webhooks and deliveries', () => {
  let stack: ConsoleStack | undefined;
  let browser: Browser | undefined;
  let database: ScratchDatabase | undefined;
  let receiver: http.Server | undefined;
  let receiverUrl = '';
  const received: Received[] = [];
  let page: Page;
  let consoleUrl: string;
  let secret = '';

  beforeAll(async () => {
    assertConsoleStackBuilt();
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const signature = req.headers['podium-signature'];
        received.push({
          signature: typeof signature === 'string' ? signature : '',
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
    browser = await launchChromium();
    database = await createMigratedDatabase(repoRoot);
    stack = await startConsoleStack({
      controlPlaneEnv: {
        DATABASE_URL: database.url,
        PODIUM_LOG_LEVEL: 'warn',
        PODIUM_ALERT_EVALUATION_MS: '200',
        PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE: 'true', // the receiver is on this machine
      },
      readyPath: '/sign-in',
    });
    consoleUrl = stack.consoleUrl;
    ({ page } = await openPage(browser, (message) =>
      message.startsWith('Failed to load resource'),
    ));
    page.setDefaultTimeout(20_000);
  });

  // Every page a step ends on passes axe: no serious or critical violation.
  reportPageOnFailure(() => page);
  afterEach(async (context) => {
    if (browser && page && !page.isClosed()) await assertAccessible(page, context.task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await database?.drop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  it('adds a webhook, whose signing secret is shown once', async () => {
    await signUp(page, consoleUrl, owner);
    await page.getByLabel('Name', { exact: true }).fill('acme');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    await page.getByLabel('Application name').fill('shop');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/workflows`);

    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme/apps/shop/alerts`);
    await page.getByRole('heading', { name: 'No alerting rules yet' }).waitFor();
    await page.getByLabel('Webhook URL').fill(receiverUrl);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    secret = await text(page.getByTestId('webhook-secret'));
    expect(secret).toMatch(/^pwh_[0-9a-f]{8}_/);
    await page.getByRole('button', { name: 'Done' }).click();
    // Listed by origin only: a path may carry a token.
    const table = await text(page.getByTestId('alert-webhook-table'));
    expect(table).toContain(`${new URL(receiverUrl).origin}/…`);
    expect(table).not.toContain(receiverUrl);
    await expect(text(page.getByTestId('alert-webhook-table'))).resolves.not.toContain(secret);
  });

  it('creates an UnresponsiveApplication rule that turns FIRING and notifies the webhook', async () => {
    await page.getByLabel('Rule type').selectOption('UnresponsiveApplication');
    await page.getByLabel('Parameters (JSON)').fill('{"period_secs": 1}');
    await page.getByRole('button', { name: 'Create rule' }).click();
    const rule = page.getByTestId('alert-rule');
    await expect(rule.getAttribute('data-rule-type')).resolves.toBe('UnresponsiveApplication');

    // The page refreshes itself: the state and the delivery show up without a reload.
    await rule
      .getByTestId('alert-rule-state')
      .and(page.locator('[data-status="FIRING"]'))
      .waitFor();
    const delivery = page
      .getByTestId('alert-delivery')
      .and(page.locator('[data-channel="webhook"]'));
    await delivery.getByText('DELIVERED').waitFor();
    await expect(text(delivery.getByTestId('alert-delivery-attempts'))).resolves.toBe('204 ✓');

    const [notification] = received;
    expect(notification).toBeDefined();
    const { t, v1 } = Object.fromEntries(
      (notification?.signature ?? '').split(',').map((part) => part.split('=')),
    ) as { t: string; v1: string };
    const expected = createHmac('sha256', secret)
      .update(`${t}.${notification?.body}`)
      .digest('hex');
    expect(v1).toBe(expected);
    expect(JSON.parse(notification?.body ?? '{}')).toMatchObject({
      event: 'FIRING',
      ruleType: 'UnresponsiveApplication',
      organization: 'acme',
      application: 'shop',
    });
  });

  it('edits the rule’s minimum interval', async () => {
    await page.getByRole('button', { name: 'Edit the UnresponsiveApplication rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the UnresponsiveApplication rule' });
    await dialog.getByLabel('Minimum interval (seconds)').fill('120');
    await dialog.getByRole('button', { name: 'Save rule' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('alert-rule').getByRole('cell', { name: '120 s' }).waitFor();
  });

  it('deletes the rule', async () => {
    await page.getByRole('button', { name: 'Delete the UnresponsiveApplication rule' }).click();
    await confirm(page, 'Delete rule');
    await page.getByRole('heading', { name: 'No alerting rules yet' }).waitFor();
    // Its deliveries stay listed.
    await expect(page.getByTestId('alert-delivery').count()).resolves.toBeGreaterThan(0);
  });
});
