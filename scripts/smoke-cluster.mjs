#!/usr/bin/env node
// Smoke test of `pnpm cluster` (scripts/run-podium.mjs cluster): three replicas on a scratch
// PostgreSQL database (DATABASE_URL's server) and a Redis namespace of their own, behind a real
// HAProxy, with the console. Checks, as an operator would see them:
//  - every replica is ready on PostgreSQL and Redis, and HAProxy and the console answer;
//  - sign-up and sign-in through the load balancer (sessions signed by one replica, read by
//    another); the example app (`npm run example`) connects through it;
//  - each replica, asked directly, lists the example's workflows (two of three through Redis);
//  - rolling restart: SIGTERM to the replica holding the example's link; the example is back
//    CONNECTED, same executor, on another replica, and the stopped replica is restarted;
//  - Ctrl-C stops every process; docker/haproxy.cfg is the same config, for docker/compose.yml.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  checklist,
  client,
  connectedExample,
  eventually,
  isAlive,
  root,
  signUpForAKey,
  sleep,
  startPodium,
  stopPodium,
} from './lib/smoke-kit.mjs';
import { composeHaproxyConfig, findHaproxy } from './lib/cluster.mjs';

const requireFromDb = createRequire(path.join(root, 'prisma/package.json'));
const { createScratchDatabase } = requireFromDb('./dist/testing.js');
const pg = requireFromDb('pg');

const portIsFree = (port) =>
  new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port whose next `count` ports are free too (HAProxy's, then the replicas'). */
async function freePortRun(count) {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: count + 1 }, (_, i) => first + i);
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return first;
  }
}

const { check, finish } = checklist('smoke-cluster');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-cluster-smoke-'));
const lbPort = await freePortRun(3);
const consolePort = await freePortRun(0);
const apiUrl = `http://127.0.0.1:${lbPort}`;
const consoleUrl = `http://127.0.0.1:${consolePort}`;
const replicaUrls = [1, 2, 3].map((i) => `http://127.0.0.1:${lbPort + i}`);
const scratch = await createScratchDatabase();
const db = new pg.Client({ connectionString: scratch.url });
await db.connect();

const env = { ...process.env };
delete env.CONDUCTOR_KEY;
Object.assign(env, {
  DATABASE_URL: scratch.url,
  PODIUM_REDIS_NAMESPACE: `smoke-${randomUUID()}`,
  REPLICAS: '3',
  PORT: String(lbPort),
  CONSOLE_PORT: String(consolePort),
  PODIUM_DATA_DIR: dataDir,
  PODIUM_LOG_FORMAT: 'json',
});

/** Which replica (its address) holds the link of the CONNECTED executor `id`. */
async function linkOwner(id) {
  const { rows } = await db.query(
    `SELECT r.address FROM executors e JOIN replicas r ON r.id = e.replica_id
      WHERE e.executor_id = $1 AND e.status = 'CONNECTED'`,
    [id],
  );
  return rows[0]?.address;
}

const pidOf = (output, name) =>
  Number([...output.matchAll(new RegExp(`${name}\\b.*\\(pid (\\d+)\\)`, 'g'))].at(-1)?.[1]);

const composeConfig = path.join(root, 'docker/haproxy.cfg');
check(
  'docker/haproxy.cfg is the config pnpm cluster writes, for compose.yml, and HAProxy accepts it',
  fs.readFileSync(composeConfig, 'utf8') === composeHaproxyConfig() &&
    spawnSync(findHaproxy(), ['-c', '-q', '-f', composeConfig]).status === 0,
);

let run;
let example;
try {
  run = await startPodium(['cluster'], env);
  check(
    'prints HAProxy and the three replicas',
    run.output.includes(`behind HAProxy at ${apiUrl}`) &&
      replicaUrls.every((url) => run.output.includes(url)),
  );
  const readiness = await Promise.all(
    replicaUrls.map((url) => fetch(`${url}/readyz`).then((r) => r.json())),
  );
  check(
    'every replica is ready on PostgreSQL and Redis',
    readiness.every(
      (r) =>
        r.status === 'ready' &&
        r.checks.database.kind === 'postgres' &&
        r.checks.redis?.status === 'up',
    ),
  );
  const balanced = await eventually(() => fetch(`${apiUrl}/readyz`).then((r) => r.ok), 30_000);
  const proxied = await fetch(`${consoleUrl}/api/healthz`).then((r) => r.json());
  check('HAProxy and the console (through it) answer', !!balanced && proxied.status === 'ok');

  const account = await signUpForAKey(apiUrl, 'example');
  check('sign-up, sign-in, organization, app and key through the load balancer', !!account.key);
  const { key, org } = account;
  const base = `/v2/orgs/${org}/apps/example`;
  const api = client(apiUrl);

  example = spawn(process.execPath, [path.join(root, 'scripts/run-podium.mjs'), 'example'], {
    cwd: root,
    env: {
      ...process.env,
      CONDUCTOR_KEY: key,
      CONDUCTOR_URL: `ws://127.0.0.1:${lbPort}/conductor/v1alpha1`,
      PODIUM_EXAMPLE_DATA_DIR: path.join(dataDir, 'example'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const executor = await eventually(() => connectedExample(api, base, key), 120_000);
  check('the example connects through the load balancer', !!executor);
  // A replica's address reaches its lease row with its first heartbeat after listening.
  const owner = executor && (await eventually(() => linkOwner(executor.executorId), 60_000));

  const answers = await eventually(async () => {
    const lists = await Promise.all(
      replicaUrls.map((url) => client(url)('GET', `${base}/workflows?limit=5`, { key })),
    );
    return lists.every((res) => res.status === 200 && res.body.length > 0) && lists;
  }, 60_000);
  check(
    'each replica lists its workflows, whichever holds the link (routed through Redis)',
    !!answers,
  );

  const ownerName = `replica-${replicaUrls.findIndex((url) => url.endsWith(`:${owner?.split(':').at(-1)}`)) + 1}`;
  const ownerPid = pidOf(run.output, ownerName);
  const stoppedAt = Date.now();
  if (ownerPid > 0) process.kill(ownerPid, 'SIGTERM');
  const moved = await eventually(async () => {
    const again = await connectedExample(api, base, key);
    const now = again && (await linkOwner(again.executorId));
    return now && now !== owner && again.executorId === executor.executorId && now;
  }, 60_000);
  const seconds = ((Date.now() - stoppedAt) / 1000).toFixed(1);
  check(
    `rolling restart: SIGTERM to ${ownerName} (holding the link); the same executor is HEALTHY on ${moved ?? 'no other replica'} after ${seconds} s`,
    ownerPid > 0 && !!moved,
  );
  const restarted = await eventually(
    async () => pidOf(run.output, ownerName) !== ownerPid && /restarted/.test(run.output),
    60_000,
  );
  const back = await eventually(
    () => fetch(`${replicaUrls[Number(ownerName.at(-1)) - 1]}/readyz`).then((r) => r.ok),
    120_000,
  );
  check(`${ownerName} is restarted and ready again`, !!restarted && !!back);
} catch (error) {
  check(String(error.message ?? error), false);
}
if (example && example.exitCode === null) {
  const gone = new Promise((resolve) => example.once('exit', resolve));
  example.kill('SIGTERM');
  await Promise.race([gone, sleep(15_000)]);
}
if (run) {
  const pids = [1, 2, 3].map((i) => pidOf(run.output, `replica-${i}`));
  check('Ctrl-C stops the cluster and exits 0', (await stopPodium(run)) === 0);
  check('no replica is left running', !pids.some((pid) => pid > 0 && isAlive(pid)));
}
await db.end();
await scratch.drop();
fs.rmSync(dataDir, { recursive: true, force: true });
finish(run?.output);
