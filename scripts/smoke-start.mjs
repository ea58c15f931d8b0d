#!/usr/bin/env node
// Smoke test of what `npm start` runs (scripts/run-podium.mjs) on the embedded default: a fresh
// PGlite data folder, free ports. Two runs on the same folder, as a newcomer would do them:
//  1. without CONDUCTOR_KEY: the console page and the control plane (directly and through the
//     console's /api proxy) answer, and the steps to connect the example app are printed; we
//     follow them through the HTTP API (sign up, sign in, organization, application, API key);
//     Ctrl-C stops both processes cleanly.
//  2. with CONDUCTOR_KEY=<that key>: the example app runs too, shows up as a HEALTHY executor
//     and its workflows are listed; `npm run example` in a second terminal connects another,
//     which stops when npm gets SIGTERM or SIGINT; when the example exits, the control plane and
//     console keep running; Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checklist,
  client,
  connectedExample,
  eventually,
  freePort,
  isAlive,
  root,
  signUpForAKey,
  sleep,
  startPodium as startRun,
  stopPodium,
} from './lib/smoke-kit.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-smoke-'));
const [apiPort, consolePort] = [await freePort(), await freePort()];
const apiUrl = `http://127.0.0.1:${apiPort}`;
const consoleUrl = `http://127.0.0.1:${consolePort}`;
const { check, finish } = checklist('smoke');
/** An example becomes HEALTHY after it boots its embedded PGlite: slow on a loaded machine. */
const EXAMPLE_HEALTHY_TIMEOUT_MS = 120_000;

/** `npm start`'s run-podium.mjs on a fresh PGlite folder. */
function startPodium(extraEnv = {}) {
  const env = {
    ...process.env,
    PORT: String(apiPort),
    CONSOLE_PORT: String(consolePort),
    PODIUM_DATA_DIR: dataDir,
    ...extraEnv,
  };
  delete env.DATABASE_URL; // the embedded default is what this checks
  if (!extraEnv.CONDUCTOR_KEY) delete env.CONDUCTOR_KEY;
  return startRun([], env);
}

/**
 * `npm run example` in a second terminal, as the README says, then `signal` to the npm process:
 * true when its example (a second HEALTHY executor, found by its pid) is gone too.
 */
async function exampleStopsWithNpm(signal, { api, base, key, running }) {
  const npm = spawn('npm', ['run', 'example'], {
    cwd: root,
    env: {
      ...process.env,
      CONDUCTOR_KEY: key,
      CONDUCTOR_URL: `ws://127.0.0.1:${apiPort}/conductor/v1alpha1`,
      PODIUM_EXAMPLE_DATA_DIR: fs.mkdtempSync(path.join(dataDir, 'second-example-')),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const npmExited = new Promise((resolve) => npm.on('exit', () => resolve(true)));
  const second = await eventually(
    () => connectedExample(api, base, key, running),
    EXAMPLE_HEALTHY_TIMEOUT_MS,
  );
  const pid = Number(second?.executorMetadata?.pid);
  npm.kill(signal);
  const gone = pid > 0 && !!(await eventually(async () => !isAlive(pid), 30_000));
  const npmGone = await Promise.race([npmExited, sleep(30_000).then(() => false)]);
  if (npm.exitCode === null) npm.kill('SIGKILL');
  if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
  return gone && npmGone;
}

let account;
let appName;
let run;
try {
  run = await startPodium();
  const { output } = run;
  check(
    'prints the console and control-plane URLs',
    output.includes(consoleUrl) && output.includes(apiUrl),
  );
  const ready = await fetch(`${apiUrl}/readyz`).then((r) => r.json());
  check(
    'control plane is ready on PGlite',
    ready.status === 'ready' && ready.checks.database.kind === 'pglite',
  );
  const page = await fetch(`${consoleUrl}/`);
  check('console page answers 200', page.status === 200 && (await page.text()).includes('Podium'));
  const proxied = await fetch(`${consoleUrl}/api/healthz`).then((r) => r.json());
  check('console proxies /api to the control plane', proxied.status === 'ok');
  check('PGlite data folder was created', fs.existsSync(path.join(dataDir, 'pglite')));
  appName = /application named "([^"]+)"/.exec(output)?.[1];
  check(
    'without CONDUCTOR_KEY: no example, and the steps to connect it are printed',
    !output.includes('[example]') &&
      output.includes(`Sign up at ${consoleUrl}`) &&
      appName === 'example' &&
      output.includes('CONDUCTOR_KEY=<key> npm start') &&
      output.includes('CONDUCTOR_KEY=<key> npm run example'),
  );
  account = await signUpForAKey(apiUrl, appName);
  check('sign-up, organization, application and API key through the HTTP API', !!account.key);
} catch (error) {
  check(String(error.message ?? error), false);
}
if (run) check('Ctrl-C stops both processes and exits 0', (await stopPodium(run)) === 0);

if (account?.key) {
  run = undefined;
  try {
    run = await startPodium({ CONDUCTOR_KEY: account.key });
    const { key, org } = account;
    const base = `/v2/orgs/${org}/apps/${appName}`;
    const api = client(apiUrl);
    const executor = await eventually(
      () => connectedExample(api, base, key),
      EXAMPLE_HEALTHY_TIMEOUT_MS,
    );
    check(
      'with CONDUCTOR_KEY: the example runs too, its output prefixed [example]',
      run.output.includes(`Example app:    "${appName}"`) &&
        run.output.includes('[example] ') &&
        run.output.includes('connected to the conductor'),
    );
    check(
      'the example is a HEALTHY executor of its application',
      executor?.status === 'HEALTHY' && executor.language === 'typescript',
    );
    const names = await eventually(async () => {
      const res = await api('GET', `${base}/workflows?limit=100`, { key });
      const found = new Set(res.body?.map?.((w) => w.workflowName));
      return ['processOrder', 'thumbnail', 'importBatch'].every((n) => found.has(n)) && found;
    }, 30_000);
    check(
      `its workflows are listed through the HTTP API (${names ? [...names].sort().join(', ') : 'none'})`,
      !!names,
    );
    check(
      "the example's PGlite data is in <PODIUM_DATA_DIR>/example",
      fs.existsSync(path.join(dataDir, 'example')),
    );
    for (const signal of ['SIGTERM', 'SIGINT']) {
      check(
        `npm run example stops its example app on ${signal} to npm (no orphan stays connected)`,
        await exampleStopsWithNpm(signal, {
          api,
          base,
          key,
          running: executor?.executorMetadata?.pid,
        }),
      );
    }
    // The executor reports its pid: stop the example alone, as a crash or Ctrl-C in it would.
    const pid = Number(executor?.executorMetadata?.pid);
    if (pid > 0) process.kill(pid, 'SIGTERM');
    const left = await eventually(
      async () => /\[example\] exited .*keep running/.test(run.output),
      30_000,
    );
    const stillReady = await fetch(`${apiUrl}/readyz`).then((r) => r.ok);
    const stillConsole = await fetch(`${consoleUrl}/`).then((r) => r.ok);
    check(
      'when the example exits, the control plane and console keep running',
      !!left && stillReady && stillConsole && run.child.exitCode === null,
    );
  } catch (error) {
    check(String(error.message ?? error), false);
  }
  if (run) check('Ctrl-C stops everything and exits 0', (await stopPodium(run)) === 0);
}

fs.rmSync(dataDir, { recursive: true, force: true });
finish(run?.output);
