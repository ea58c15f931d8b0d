#!/usr/bin/env node
// The console's workflows list with a page of 1,000 rows, in headless Chromium, all real: the
// built control plane on a scratch PostgreSQL database, the console's server (`next start`
// behind server/main.mjs), and a @podium/sdk executor (in this process, on its own scratch
// database) holding WORKFLOWS (default 1,200) finished workflows. A user signs up and creates
// the organization, application and key through the console's /api, like the browser does.
// Then, ROUNDS times (default 5), the list is opened with `limit=1000` and timed:
// - render: from the end of the search answer (Resource Timing) to the first animation frame
//   with the rows in the DOM and "Rows 1–1,000 of N" shown: the console's own work;
// - open: from navigation start to that frame (also the control plane and the executor);
// - scroll to the end: to the frame showing row 1,000;
// - sort by status (on the page): click to the frame with the heading marked sorted.
// **Target: render under 1 s.** Needs `pnpm turbo run build` (control plane, console, SDK).
/* global document -- the functions given to page.evaluate and waitForFunction run in Chromium */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@podium/db/testing';
import { Podium } from '@podium/sdk';
import { chromium } from 'playwright-core';
import { freePort, startControlPlane } from './lib/control-plane.mjs';
import { percentile, round } from './lib/stats.mjs';

const WORKFLOWS = Number(process.env.WORKFLOWS ?? 1_200);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TARGET_MS = 1_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function startConsole(controlPlaneUrl) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, 'apps/console/server/main.mjs'), '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: path.join(root, 'apps/console'),
      env: {
        ...process.env,
        PODIUM_CONTROL_PLANE_URL: controlPlaneUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`console exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/sign-in`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('console not ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Sign up and in, then an organization, an application and an executor key, as the console does. */
async function setUpThroughConsole(request, consoleUrl) {
  const account = {
    email: `bench-${Date.now()}@example.test`,
    password: 'a long bench passphrase',
  };
  const ok = async (response, what) => {
    if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
    return response.json().catch(() => ({}));
  };
  await ok(
    await request.post(`${consoleUrl}/api/v2/users`, {
      data: { ...account, displayName: 'Bench' },
    }),
    'sign up',
  );
  await ok(await request.post(`${consoleUrl}/api/v2/sessions`, { data: account }), 'sign in');
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'podium_csrf')?.value;
  const write = (p, data) =>
    request.post(`${consoleUrl}/api${p}`, { data, headers: { 'X-CSRF-Token': csrf ?? '' } });
  const org = `bench-${Date.now().toString(36)}`;
  await ok(await write('/v2/orgs', { name: org }), 'create organization');
  await ok(await write(`/v2/orgs/${org}/apps`, { name: 'listbench' }), 'create application');
  const key = await ok(
    await write(`/v2/orgs/${org}/tokens`, { name: 'bench', permissions: ['websocket.connect'] }),
    'create API key',
  );
  return { org, app: 'listbench', apiKey: key.token };
}

async function startExecutor({ app, apiKey, controlPlaneUrl, databaseUrl }) {
  const podium = new Podium({
    appName: app,
    databaseUrl,
    conductorUrl: `${controlPlaneUrl.replace(/^http/, 'ws')}/conductor/v1alpha1`,
    conductorKey: apiKey,
  });
  const names = ['processOrder', 'thumbnail', 'importBatch', 'nightlyReport'];
  const workflows = names.map((name) =>
    podium.workflow(name, async (ctx, i) => ctx.step('work', () => i * 2)),
  );
  await podium.launch();
  for (let start = 0; start < WORKFLOWS; start += 100) {
    const batch = [];
    for (let i = start; i < Math.min(WORKFLOWS, start + 100); i++) {
      batch.push(workflows[i % workflows.length].start([i]).then((h) => h.getResult()));
    }
    await Promise.all(batch);
  }
  return podium;
}

/** Resolves (in the page) at the first animation frame where `condition` holds: performance.now(). */
const atFrame = (page, condition, arg) =>
  page.waitForFunction(
    ({ source, arg: value }) => {
      const holds = new Function('arg', `return (${source})(arg)`)(value);
      return holds ? performance.now() : false;
    },
    { source: condition.toString(), arg },
    { polling: 'raf', timeout: 60_000 },
  );

async function measureRound(page, listUrl) {
  await page.goto(listUrl);
  const shownAt = await (
    await atFrame(page, () =>
      /Rows 1–1,000 of/.test(
        document.querySelector('[data-testid="page-range"]')?.textContent ?? '',
      ),
    )
  ).jsonValue();
  const { answeredAt, renderedRows } = await page.evaluate(() => {
    const search = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/workflows/search'))
      .at(-1);
    return {
      answeredAt: search?.responseEnd ?? NaN,
      renderedRows: document.querySelectorAll('[data-testid="workflow-row"]').length,
    };
  });
  const scrollStart = await page.evaluate(() => {
    const box = document.querySelector('[data-testid="workflow-scroller"]');
    const at = performance.now();
    box.scrollTop = box.scrollHeight;
    return at;
  });
  const scrolledAt = await (
    await atFrame(page, () => document.querySelector('tr[aria-rowindex="1001"]') !== null)
  ).jsonValue();
  const sortStart = await page.evaluate(() => performance.now());
  await page.getByTestId('sort-status').click();
  const sortedAt = await (
    await atFrame(
      page,
      () =>
        document
          .querySelector('[data-testid="sort-status"]')
          ?.parentElement?.getAttribute('aria-sort') === 'ascending',
    )
  ).jsonValue();
  return {
    renderMs: round(shownAt - answeredAt, 1),
    openMs: round(shownAt, 1),
    scrollToEndMs: round(scrolledAt - scrollStart, 1),
    sortMs: round(sortedAt - sortStart, 1),
    renderedRows,
  };
}

async function main() {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (CHROMIUM_PATH)`);
  const cpDb = await createScratchDatabase();
  const appDb = await createScratchDatabase({ migrate: false });
  const controlPlane = await startControlPlane({ DATABASE_URL: cpDb.url });
  const consoleServer = await startConsole(controlPlane.url);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  let podium;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const { org, app, apiKey } = await setUpThroughConsole(context.request, consoleServer.url);
    const started = Date.now();
    podium = await startExecutor({
      app,
      apiKey,
      controlPlaneUrl: controlPlane.url,
      databaseUrl: appDb.url,
    });
    const seedSeconds = round((Date.now() - started) / 1000, 1);
    const listUrl = `${consoleServer.url}/orgs/${org}/apps/${app}/workflows?limit=1000`;
    await measureRound(page, listUrl); // warm-up: compiles, caches, first connections
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await measureRound(page, listUrl));
    const stat = (key) => {
      const sorted = rounds.map((r) => r[key]).sort((a, b) => a - b);
      return { median: percentile(sorted, 50), max: sorted.at(-1) };
    };
    const result = {
      workflows: WORKFLOWS,
      pageSize: 1000,
      seedSeconds,
      renderedRows: rounds[0].renderedRows,
      renderMs: stat('renderMs'),
      openMs: stat('openMs'),
      scrollToEndMs: stat('scrollToEndMs'),
      sortMs: stat('sortMs'),
      rounds,
      targetMs: TARGET_MS,
      met: stat('renderMs').max < TARGET_MS,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `1,000-row page: rendered in ${result.renderMs.median} ms median (max ${result.renderMs.max}), ` +
        `opened in ${result.openMs.median} ms, ${result.renderedRows} rows in the DOM; ` +
        `target < ${TARGET_MS} ms: ${result.met ? 'met' : 'missed'}`,
    );
  } finally {
    await browser.close();
    await podium?.shutdown();
    await consoleServer.stop();
    await controlPlane.stop();
    await cpDb.drop();
    await appDb.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
