#!/usr/bin/env node
// Runs the built control plane and console side by side (what `npm start` ends
// with): prefixes their output, waits until both answer, prints the URLs, and
// stops both when either exits or on Ctrl-C.
//
// Environment: PORT (control plane, default 8090), CONSOLE_PORT (default 3000),
// HOST (default 127.0.0.1), PODIUM_DATA_DIR (default <repo>/.data), and any other
// control-plane variable (DATABASE_URL to use PostgreSQL instead of PGlite).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = process.env.HOST ?? '127.0.0.1';
const apiPort = Number(process.env.PORT ?? 8090);
const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const apiUrl = `http://${host}:${apiPort}`;
const consoleUrl = `http://${host}:${consolePort}`;

const children = [];
let stopping = false;

function run(name, args, env, cwd = root) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stdout.write(`${prefix}exited (${signal ?? code}); stopping Podium\n`);
    stop(code || 1);
  });
  children.push(child);
}

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, 5_000);
  Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null)),
  )
    .then(() => {
      clearTimeout(deadline);
      process.exit(exitCode);
    })
    .catch(() => process.exit(exitCode));
}

async function waitFor(url, what) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopping) throw new Error(`${what} did not answer at ${url} within 120 s`);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('control-plane', ['apps/control-plane/dist/main.js'], {
  HOST: host,
  PORT: String(apiPort),
  PODIUM_DATA_DIR: process.env.PODIUM_DATA_DIR ?? path.join(root, '.data'),
});
run(
  'console',
  [
    path.join(root, 'apps/console/node_modules/next/dist/bin/next'),
    'start',
    '-H',
    host,
    '-p',
    String(consolePort),
  ],
  { PODIUM_CONTROL_PLANE_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
  path.join(root, 'apps/console'),
);

try {
  await waitFor(`${apiUrl}/readyz`, 'The control plane');
  await waitFor(consoleUrl, 'The console');
  const database = process.env.DATABASE_URL
    ? 'PostgreSQL'
    : `PGlite in ${process.env.PODIUM_DATA_DIR ?? '.data/'}`;
  process.stdout.write(
    [
      '',
      'Podium is running.',
      `  Console:        ${consoleUrl}`,
      `  Control plane:  ${apiUrl}   (health: ${apiUrl}/healthz)`,
      `  Database:       ${database}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stop(1);
}
