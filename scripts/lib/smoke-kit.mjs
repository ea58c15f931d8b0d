// What the smoke tests of `npm start` and `pnpm cluster` share: free ports, checks printed as
// `ok - ` / `FAILED - ` lines (scripts/summarize-tests.mjs counts them), polling, running
// scripts/run-podium.mjs, and the HTTP API steps of a newcomer.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; undefined after `timeoutMs`. */
export async function eventually(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(250);
  }
  return undefined;
}

/** Checks, each printed as it is made; `finish` prints the count and exits. */
export function checklist(name) {
  const checks = [];
  return {
    check(what, ok) {
      checks.push({ what, ok });
      console.log(`${ok ? 'ok' : 'FAILED'} - ${what}`);
    },
    finish(lastOutput) {
      const failed = checks.filter((c) => !c.ok).length;
      if (failed && lastOutput) console.log(`--- output of the last run ---\n${lastOutput}`);
      console.log(`${name}: ${checks.length - failed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}

/** Starts `run-podium.mjs <args>`; resolves once it printed "Podium is running.". */
export async function startPodium(args, env) {
  const child = spawn(process.execPath, [path.join(root, 'scripts/run-podium.mjs'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const run = { child, output: '' };
  child.stdout.on('data', (chunk) => (run.output += chunk));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "Podium is running." within 180 s\n${run.output}`)),
      180_000,
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
export async function stopPodium(run) {
  if (run.child.exitCode !== null) return run.child.exitCode;
  const exited = new Promise((resolve) => run.child.on('exit', (code) => resolve(code)));
  run.child.kill('SIGINT');
  const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')]);
  if (code === 'timeout') run.child.kill('SIGKILL');
  return code;
}

/** A client of the control plane's HTTP API: a Bearer key, or a console session (cookies). */
export function client(apiUrl) {
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

/** What a newcomer does in the console, through the same HTTP API: an organization's key. */
export async function signUpForAKey(apiUrl, appName) {
  const api = client(apiUrl);
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
      { name: 'example', permissions: ['websocket.connect', 'application.read', 'metric.read'] },
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
  return { org: 'smoke', key: last.body.token };
}

/** The HEALTHY executor of the example app (`exceptPid`: another one than that process). */
export function connectedExample(api, base, key, exceptPid) {
  return api('GET', `${base}/executors?status=HEALTHY`, { key }).then((res) =>
    res.body?.find?.(
      (e) => e.executorMetadata?.app === '@podium/example' && e.executorMetadata?.pid !== exceptPid,
    ),
  );
}

/** Whether process `pid` still runs. */
export const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
