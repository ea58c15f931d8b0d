#!/usr/bin/env node
// Smoke test of what `npm start` runs (scripts/run-podium.mjs) on the embedded default: a fresh
// PGlite data folder, free ports. Two runs on the same folder, as a newcomer would do them:
//  1. without CONDUCTOR_KEY: the console page and the control plane (directly and through the
//     console's /api proxy) answer, and the steps to connect the example app are printed; we
//     follow them through the HTTP API (sign up, sign in, organization, application, API key);
//     Ctrl-C stops both processes cleanly.
//  2. with CONDUCTOR_KEY=<that key>: the example app runs too, shows up as a CONNECTED executor
//     and its workflows are listed; `npm run example` in a second terminal connects another,
//     which stops when npm gets SIGTERM or SIGINT; when the example exits, the control plane and
//     console keep running; Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-smoke-'));
const [apiPort, consolePort] = [await freePort(), await freePort()];
const apiUrl = `http://127.0.0.1:${apiPort}`;
const consoleUrl = `http://127.0.0.1:${consolePort}`;

const checks = [];
const check = (name, ok) => {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok' : 'FAILED'} - ${name}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; undefined after `timeoutMs`. */
async function eventually(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(250);
  }
  return undefined;
}

/** Starts run-podium.mjs; resolves once it printed "Podium is running.". */
async function startPodium(extraEnv = {}) {
  const env = {
    ...process.env,
    PORT: String(apiPort),
    CONSOLE_PORT: String(consolePort),
    PODIUM_DATA_DIR: dataDir,
    ...extraEnv,
  };
  delete env.DATABASE_URL; // the embedded default is what this checks
  if (!extraEnv.CONDUCTOR_KEY) delete env.CONDUCTOR_KEY;
  const child = spawn(process.execPath, [path.join(root, 'scripts/run-podium.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const run = { child, output: '' };
  child.stdout.on('data', (chunk) => (run.output += chunk));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "Podium is running." within 120 s\n${run.output}`)),
      120_000,
    );
    const onData = () => {
      if (!run.output.includes('Podium is running.')) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve();
    };
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`run-podium exited early (${code})\n${run.output}`));
    };
    child.stdout.on('data', onData);
    child.on('exit', onExit);
  });
  return run;
}

/** Ctrl-C; the exit code, or 'timeout' (then it is killed). */
async function stopPodium(run) {
  if (run.child.exitCode !== null) return run.child.exitCode;
  const exited = new Promise((resolve) => run.child.on('exit', (code) => resolve(code)));
  run.child.kill('SIGINT');
  const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')]);
  if (code === 'timeout') run.child.kill('SIGKILL');
  return code;
}

/** A client of the control plane's HTTP API: a Bearer key, or a console session (cookies). */
function client() {
  const cookies = new Map();
  return async (method, urlPath, { body, key } = {}) => {
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers.authorization = `Bearer ${key}`;
    if (cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      // Cookie-authenticated writes echo the CSRF cookie, as the console does.
      if (cookies.has('podium_csrf')) headers['x-csrf-token'] = cookies.get('podium_csrf');
    }
    const res = await fetch(`${apiUrl}${urlPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** What a newcomer does in the console, through the same HTTP API. */
async function signUpForAKey(appName) {
  const api = client();
  const email = `smoke-${Date.now()}@example.com`;
  const password = 'smoke-test-password';
  const steps = [
    ['POST', '/v2/users', { email, password, displayName: 'Smoke' }, 201],
    ['POST', '/v2/sessions', { email, password }, 201],
    ['POST', '/v2/orgs', { name: 'smoke' }, 201],
    ['POST', '/v2/orgs/smoke/apps', { name: appName }, 201],
    [
      'POST',
      '/v2/orgs/smoke/tokens',
      { name: 'example', permissions: ['executor:connect', 'workflows:read'] },
      201,
    ],
  ];
  let last;
  for (const [method, urlPath, body, status] of steps) {
    last = await api(method, urlPath, { body });
    if (last.status !== status) {
      throw new Error(`${method} ${urlPath}: ${last.status} ${JSON.stringify(last.body)}`);
    }
  }
  return { org: 'smoke', key: last.body.secret };
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm run example` in a second terminal, as the README says, then `signal` to the npm process:
 * true when its example (a second CONNECTED executor, found by its pid) is gone too.
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
  const second = await eventually(async () => {
    const res = await api('GET', `${base}/executors?status=CONNECTED`, { key });
    return res.body?.items?.find(
      (e) => e.metadata?.app === '@podium/example' && e.metadata?.pid !== running,
    );
  }, 120_000);
  const pid = Number(second?.metadata?.pid);
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
  account = await signUpForAKey(appName);
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
    const api = client();
    const executor = await eventually(async () => {
      const res = await api('GET', `${base}/executors?status=CONNECTED`, { key });
      return res.body?.items?.find((e) => e.metadata?.app === '@podium/example');
    }, 30_000);
    check(
      'with CONDUCTOR_KEY: the example runs too, its output prefixed [example]',
      run.output.includes(`Example app:    "${appName}"`) &&
        run.output.includes('[example] ') &&
        run.output.includes('connected to the conductor'),
    );
    check(
      'the example is a CONNECTED executor of its application',
      executor?.status === 'CONNECTED' && executor.language === 'typescript',
    );
    const names = await eventually(async () => {
      const res = await api('GET', `${base}/workflows?limit=100`, { key });
      const found = new Set(res.body?.items?.map((w) => w.name));
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
        await exampleStopsWithNpm(signal, { api, base, key, running: executor?.metadata?.pid }),
      );
    }
    // The executor reports its pid: stop the example alone, as a crash or Ctrl-C in it would.
    const pid = Number(executor?.metadata?.pid);
    if (pid > 0) process.kill(pid, 'SIGTERM');
    const left = await eventually(
      async () => /\[example\] exited .*keep running/.test(run.output),
      15_000,
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
const failed = checks.filter((c) => !c.ok).length;
if (failed && run) console.log(`--- output of the last run ---\n${run.output}`);
console.log(`smoke: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
