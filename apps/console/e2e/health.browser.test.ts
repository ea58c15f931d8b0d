// The operator's first journey: open the console, see the control plane and its
// database healthy; lose the control plane, see it reported within one poll.
// Everything is real: the built control plane (PGlite in a temp dir), `next start`
// of the built console, and Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_REFETCH_INTERVAL_MS } from '../src/features/health/queries';
import { launchChromium, type Browser } from './support/chromium';
import {
  freePort,
  startService,
  stopService,
  waitForHttp,
  type Service,
} from './support/processes';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const consoleDir = path.join(root, 'apps/console');
const controlPlaneMain = path.join(root, 'apps/control-plane/dist/main.js');
const nextBin = path.join(consoleDir, 'node_modules/next/dist/bin/next');
const SCREENSHOT = '/tmp/console-health.png';
// The next poll is at most one interval away; this covers the request and the render.
const SLACK_MS = 2_000;

function assertBuilt(file: string, how: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build it first (${how}).`);
}

const status = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-status');

describe('console health page', () => {
  const services: Service[] = [];
  let controlPlane: Service;
  let browser: Browser | undefined;
  let page: Page;
  let consoleUrl: string;
  let dataDir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    assertBuilt(controlPlaneMain, 'pnpm --filter @podium/control-plane build');
    assertBuilt(path.join(consoleDir, '.next/BUILD_ID'), 'pnpm --filter @podium/console build');
    browser = await launchChromium(); // first: fails fast, with how to fix, if Chromium is missing
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-console-e2e-'));
    const [apiPort, consolePort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    consoleUrl = `http://127.0.0.1:${consolePort}`;

    const { DATABASE_URL: _postgres, ...env } = process.env; // the embedded PGlite path
    controlPlane = startService('control plane', [controlPlaneMain], {
      cwd: root,
      env: { ...env, HOST: '127.0.0.1', PORT: String(apiPort), PODIUM_DATA_DIR: dataDir },
    });
    services.push(controlPlane);
    const consoleServer = startService(
      'console',
      [nextBin, 'start', '-H', '127.0.0.1', '-p', String(consolePort)],
      {
        cwd: consoleDir,
        env: { ...env, PODIUM_CONTROL_PLANE_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
      },
    );
    services.push(consoleServer);

    await Promise.all([
      waitForHttp(controlPlane, `${apiUrl}/readyz`),
      waitForHttp(consoleServer, consoleUrl),
    ]);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map((service) => stopService(service)));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the control plane ok and its PGlite database up', async () => {
    await page.goto(consoleUrl);
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

  it('reports the control plane unreachable within one refetch interval after it dies', async () => {
    await stopService(controlPlane);
    const died = Date.now();

    await page
      .getByTestId('control-plane-status')
      .and(page.locator('[data-status="unreachable"]'))
      .waitFor({ timeout: HEALTH_REFETCH_INTERVAL_MS + SLACK_MS });
    const seenAfterMs = Date.now() - died;

    await expect(page.getByTestId('control-plane-reason').textContent()).resolves.toContain(
      'could not connect to the control plane',
    );
    await expect.poll(() => status(page, 'database-status')).toBe('unknown');
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-unreachable.png'), fullPage: true });
    // The console itself stays up and answers for the control plane.
    const proxied = await fetch(`${consoleUrl}/api/healthz`);
    expect(proxied.status).toBe(502);
    await expect(proxied.json()).resolves.toMatchObject({ code: 'CONTROL_PLANE_UNREACHABLE' });
    expect(seenAfterMs).toBeLessThan(HEALTH_REFETCH_INTERVAL_MS + SLACK_MS);
  });
});
