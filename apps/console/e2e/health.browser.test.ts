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
import { launchChromium, openPage, type Browser } from './support/chromium';
import { reportPageOnFailure } from './support/failure-evidence';
import {
  assertConsoleStackBuilt,
  startConsoleStack,
  type ConsoleStack,
} from './support/console-stack';
import { stopService } from './support/processes';

const SCREENSHOT = '/tmp/console-health.png';
/** Only a guard against hanging: each wait below ends on what it waits for. */
const HANG_GUARD_MS = 30_000;
const LIVENESS_PATH = '/api/healthz';

interface LivenessProbe {
  /** Liveness polls answered since the probe was installed, by outcome. */
  ok: number;
  failed: number;
  /** `failed` when the page first showed the control plane unreachable. */
  failedWhenShown?: number;
}

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

  it(
    'reports the control plane unreachable within one refetch interval after it dies',
    async () => {
      // Counted in the page, not on a clock: polls come one refetch interval apart, so "within
      // one interval" means at the first failed poll, where retries (React Query retries 3 times
      // by default) would show it only after the fourth. The page counts its liveness polls by
      // outcome and notes how many had failed when "unreachable" first renders.
      await page.evaluate(
        ({ path }) => {
          const probe: LivenessProbe = { ok: 0, failed: 0 };
          (window as unknown as { livenessProbe: LivenessProbe }).livenessProbe = probe;
          const original = window.fetch.bind(window);
          window.fetch = (input, init) => {
            const answer = original(input, init);
            const url = input instanceof Request ? input.url : String(input);
            if (new URL(url, window.location.href).pathname === path) {
              // Attached before the caller gets `answer`: counted before the console reads it.
              void answer.then(
                (response) => {
                  if (response.ok) probe.ok++;
                  else probe.failed++;
                },
                () => {
                  probe.failed++;
                },
              );
            }
            return answer;
          };
          const shown = () =>
            document.querySelector(
              '[data-testid="control-plane-status"][data-status="unreachable"]',
            );
          new MutationObserver((_changes, observer) => {
            if (!shown()) return;
            probe.failedWhenShown = probe.failed;
            observer.disconnect();
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
        },
        { path: LIVENESS_PATH },
      );
      const probe = () =>
        page.evaluate(() => (window as unknown as { livenessProbe: LivenessProbe }).livenessProbe);
      // A poll sent after the probe went in has succeeded: none from before is still in flight
      // (the console sends the next only once the last has ended).
      await expect
        .poll(async () => (await probe()).ok, { timeout: HANG_GUARD_MS })
        .toBeGreaterThan(0);

      await stopService(stack!.controlPlane);
      await page
        .getByTestId('control-plane-status')
        .and(page.locator('[data-status="unreachable"]'))
        .waitFor({ timeout: HANG_GUARD_MS });
      expect((await probe()).failedWhenShown).toBe(1);

      await expect(page.getByTestId('control-plane-reason').textContent()).resolves.toContain(
        'could not connect to the control plane',
      );
      await expect
        .poll(() => status(page, 'database-status'), { timeout: HANG_GUARD_MS })
        .toBe('unknown');
      await page.screenshot({
        path: SCREENSHOT.replace('.png', '-unreachable.png'),
        fullPage: true,
      });
      // The console itself stays up and answers for the control plane.
      const proxied = await fetch(`${consoleUrl}${LIVENESS_PATH}`);
      expect(proxied.status).toBe(502);
      await expect(proxied.json()).resolves.toMatchObject({ code: 'CONTROL_PLANE_UNREACHABLE' });
    },
    4 * HANG_GUARD_MS,
  ); // above the sum of its guarded waits
});
