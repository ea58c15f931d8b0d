#!/usr/bin/env node
// Smoke test of what `npm start` runs (scripts/run-podium.mjs) on the embedded
// default: a fresh PGlite data folder, free ports; checks that the console page
// and the control plane (directly and through the console's /api proxy) answer,
// then Ctrl-C stops both processes cleanly.
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
const env = {
  ...process.env,
  PORT: String(apiPort),
  CONSOLE_PORT: String(consolePort),
  PODIUM_DATA_DIR: dataDir,
};
delete env.DATABASE_URL; // the embedded default is what this checks
const child = spawn(process.execPath, [path.join(root, 'scripts/run-podium.mjs')], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});

let output = '';
const checks = [];
const check = (name, ok) => {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok' : 'FAILED'} - ${name}`);
};

const running = new Promise((resolve, reject) => {
  const timer = setTimeout(
    () => reject(new Error('no "Podium is running." within 120 s')),
    120_000,
  );
  child.stdout.on('data', (chunk) => {
    output += chunk;
    if (output.includes('Podium is running.')) {
      clearTimeout(timer);
      resolve();
    }
  });
  child.on('exit', (code) => reject(new Error(`run-podium exited early (${code})\n${output}`)));
});

try {
  await running;
  check(
    'prints the console and control-plane URLs',
    output.includes(`127.0.0.1:${consolePort}`) && output.includes(`127.0.0.1:${apiPort}`),
  );
  const ready = await fetch(`http://127.0.0.1:${apiPort}/readyz`).then((r) => r.json());
  check(
    'control plane is ready on PGlite',
    ready.status === 'ready' && ready.checks.database.kind === 'pglite',
  );
  const page = await fetch(`http://127.0.0.1:${consolePort}/`);
  check('console page answers 200', page.status === 200 && (await page.text()).includes('Podium'));
  const proxied = await fetch(`http://127.0.0.1:${consolePort}/api/healthz`).then((r) => r.json());
  check('console proxies /api to the control plane', proxied.status === 'ok');
  check('PGlite data folder was created', fs.existsSync(path.join(dataDir, 'pglite')));
} catch (error) {
  check(String(error.message ?? error), false);
}

const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
child.kill('SIGINT');
const code = await Promise.race([
  exited,
  new Promise((r) => setTimeout(() => r('timeout'), 15_000)),
]);
check('Ctrl-C stops both processes and exits 0', code === 0);
if (code === 'timeout') child.kill('SIGKILL');
fs.rmSync(dataDir, { recursive: true, force: true });

const failed = checks.filter((c) => !c.ok).length;
console.log(`smoke: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
