// The operator's first look: open the console's health page, see the control plane and its
// database healthy; lose the control plane, see it reported within one poll.
// Everything is real: the built control plane (PGlite in a temp dir), the console's server (`next start` with the client address vouched for)
// of the built console, and Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertAccessible } from './support/accessibility';
import { HEALTH_REFETCH_INTERVAL_MS } from '../src/features/health/queries';
import { launchChromium, openPage, type Browser } from './support/chromium';
import { reportPageOnFailure } from './support/failure-evidence';
import {
  assertConsoleStackBuilt,
  startConsoleStack,
  type ConsoleStack,
} from './support/console-stack';
import { stopService } from './support/processes';

const SCREENSHOT = '/tmp/console-health.png';
// The next poll is at most one interval away; this covers the request and the render on a
// loaded machine, and stays below the 1 + 2 + 4 s that React Query's default retries would add.
const SLACK_MS = 4_000;

const status = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-status');

describe('console health page', () => {
  let stack: ConsoleStack | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let consoleUrl: string;
  let dataDir: string;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    assertConsoleStackBuilt();
    browser = await launchChromium(); // first: fails fast, with how to fix, if Chromium is missing
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-console-e2e-'));
    const { DATABASE_URL: _postgres, ...env } = process.env; // the embedded PGlite path
    stack = await startConsoleStack({
      env,
      controlPlaneEnv: { PODIUM_DATA_DIR: dataDir },
      // This test's client plays a visitor from the internet: no proxy in front to trust.
      consoleEnv: { PODIUM_CONSOLE_TRUST_PROXY: 'false' },
      readyPath: '/health',
    });
    consoleUrl = stack.consoleUrl;
    ({ page, errors: consoleErrors } = await openPage(browser));
  });

  // Every page a step ends on passes axe: no serious or critical violation.
  reportPageOnFailure(() => page);
  afterEach(async (context) => {
    if (browser && page && !page.isClosed()) await assertAccessible(page, context.task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the control plane ok and its PGlite database up', async () => {
    await page.goto(`${consoleUrl}/health`);
    await expect.poll(() => status(page, 'control-plane-status')).toBe('ok');
    await expect.poll(() => status(page, 'database-status')).toBe('up');

    await expect(page.getByRole('link', { name: 'Podium' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('control-plane-version').textContent()).resolves.toMatch(
      /^\d+\.\d+\.\d+/,
    );
    await expect(page.getByTestId('control-plane-uptime').textContent()).resolves.toMatch(/\d/);
    await expect(
      page.getByTestId('database-kind').locator('[data-kind]').getAttribute('data-kind'),
    ).resolves.toBe('pglite');
    await expect(page.getByTestId('database-latency').textContent()).resolves.toMatch(/ ms$/);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // No hydration mismatch, no uncaught error, no failed request.
    expect(consoleErrors).toEqual([]);
  });

  it('vouches for the client address: a made-up X-Forwarded-For does not dodge the sign-in limit', async () => {
    const signIn = (attempt: number) =>
      fetch(`${consoleUrl}/api/v2/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${attempt}` },
        body: JSON.stringify({
          email: `nobody-${attempt}@example.com`,
          password: 'not-a-password',
        }),
      });
    // 30 failures per client address in 15 minutes (the control plane's default), each attempt
    // claiming another address and another account: only the address can stop them.
    for (let attempt = 1; attempt <= 30; attempt++) {
      expect((await signIn(attempt)).status, `attempt ${attempt}`).toBe(401);
    }
    const refused = await signIn(31);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('reports the control plane unreachable within one refetch interval after it dies', async () => {
    await stopService(stack!.controlPlane);
    const died = Date.now();

    await page
      .getByTestId('control-plane-status')
      .and(page.locator('[data-status="unreachable"]'))
      .waitFor({ timeout: HEALTH_REFETCH_INTERVAL_MS + SLACK_MS });
    const seenAfterMs = Date.now() - died;

    await expect(page.getByTestId('control-plane-reason').textContent()).resolves.toContain(
      'could not connect to the control plane',
    );
    await expect.poll(() => status(page, 'database-status'), { timeout: 10_000 }).toBe('unknown');
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-unreachable.png'), fullPage: true });
    // The console itself stays up and answers for the control plane.
    const proxied = await fetch(`${consoleUrl}/api/healthz`);
    expect(proxied.status).toBe(502);
    await expect(proxied.json()).resolves.toMatchObject({ code: 'CONTROL_PLANE_UNREACHABLE' });
    expect(seenAfterMs).toBeLessThan(HEALTH_REFETCH_INTERVAL_MS + SLACK_MS);
  });
});
