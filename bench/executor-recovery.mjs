#!/usr/bin/env node
// How soon a killed executor's PENDING workflow runs again on another executor. Real
// @podium/sdk executors (their own processes, lib/recovery-executor.mjs) of one application
// version share a system database; a survivor stays linked throughout. Each run starts a victim
// executor, starts a workflow on it (its body says when it starts, then holds in a step),
// SIGKILLs it, and waits until the survivor starts the workflow's body again; the application's
// grace period (GRACE_SECONDS) is subtracted. Two cases, RUNS (30) runs each:
//   one-replica   one control plane; latency = resumed − kill − grace.
//   replica-dies  two replicas (PostgreSQL + Redis); the victim's replica is SIGKILLed with it
//                 (PODIUM_REPLICA_LEASE_SECONDS = LEASE_SECONDS) and the survivor's adopts it;
//                 latency = resumed − lease expiry − grace (the adopted disconnection time is
//                 the lease expiry). Also kill → resumed, whole.
// Target: p99 under 250 ms in both.
import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@podium/db/testing';
import pg from 'pg';
import { startControlPlane } from './lib/control-plane.mjs';
import { seedApp } from './lib/seed.mjs';
import { percentile, round } from './lib/stats.mjs';

const RUNS = Number(process.env.RUNS ?? 30);
const GRACE_SECONDS = Number(process.env.GRACE_SECONDS ?? 1);
const LEASE_SECONDS = Number(process.env.LEASE_SECONDS ?? 3);
const CASES = (process.env.CASES ?? 'one-replica,replica-dies').split(',');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const TARGET_P99_MS = 250;
const WAIT_MS = 60_000;
const here = path.dirname(fileURLToPath(import.meta.url));

const controlDb = await createScratchDatabase();
const systemDb = await createScratchDatabase(); // the application's (the SDK's own schema)
const seeded = await seedApp(controlDb.url, ['websocket.connect'], {
  executorGracePeriodSeconds: GRACE_SECONDS,
});
const control = new pg.Client({ connectionString: controlDb.url });
await control.connect();

/** An SDK executor process linked to `conductorUrl`. */
function startExecutor(conductorUrl, executorId) {
  const child = fork(path.join(here, 'lib/recovery-executor.mjs'), [], {
    env: {
      ...process.env,
      DATABASE_URL: systemDb.url,
      CONDUCTOR_URL: conductorUrl,
      CONDUCTOR_KEY: seeded.apiKey,
      APP_NAME: seeded.app,
      EXECUTOR_ID: executorId,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started = new Map();
  const waiting = new Map();
  let ready;
  const launched = new Promise((resolve) => (ready = resolve));
  child.on('message', (message) => {
    if (message.ready) ready();
    if (message.started) {
      started.set(message.started.workflowId, message.started);
      waiting.get(message.started.workflowId)?.(message.started);
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    executorId,
    launched,
    start: (workflowId) => child.send({ start: workflowId }),
    release: (workflowId) => child.send({ release: workflowId }),
    /** Resolves with { at } once the workflow's body started here. */
    startedOf: (workflowId) =>
      started.get(workflowId) ??
      withTimeout(
        new Promise((resolve) => waiting.set(workflowId, resolve)),
        `${workflowId} started on ${executorId}`,
      ),
    kill: () => child.kill('SIGKILL'),
    exited,
    stop: async () => {
      if (child.exitCode === null) child.send({ shutdown: true });
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      await exited;
    },
  };
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls the control plane's executors table until `executorId` reads as `status`. */
async function untilStatus(executorId, status) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const { rows } = await control.query(
      'SELECT status, disconnected_at FROM executors WHERE executor_id = $1',
      [executorId],
    );
    if (rows[0]?.status === status) return rows[0];
    if (Date.now() > deadline) throw new Error(`${executorId} never ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const conductorOf = (replica) => `${replica.url.replace('http', 'ws')}/conductor/v1alpha1`;

/** One run: a victim on `victimReplica` holding a workflow, killed (with `alsoKill`). */
async function run(name, i, survivor, victimReplica, alsoKill) {
  const victim = startExecutor(conductorOf(victimReplica), `victim-${name}-${i}`);
  await victim.launched;
  await untilStatus(victim.executorId, 'CONNECTED');
  const workflowId = `${name}-${i}`;
  victim.start(workflowId);
  await victim.startedOf(workflowId);
  const killedAt = Date.now();
  victim.kill();
  alsoKill?.();
  const resumed = await survivor.startedOf(workflowId);
  const row = await untilStatus(victim.executorId, 'DEAD');
  survivor.release(workflowId);
  await victim.exited;
  return {
    afterKillMs: resumed.at - killedAt - GRACE_SECONDS * 1000,
    afterDisconnectionMs: resumed.at - row.disconnected_at.getTime() - GRACE_SECONDS * 1000,
  };
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
  };
}

const results = {};
const stops = [];
try {
  if (CASES.includes('one-replica')) {
    const alone = await startControlPlane({ DATABASE_URL: controlDb.url });
    stops.push(() => alone.stop());
    const survivor = startExecutor(conductorOf(alone), 'survivor-one-replica');
    stops.push(() => survivor.stop());
    await survivor.launched;
    await untilStatus(survivor.executorId, 'CONNECTED');
    const samples = [];
    for (let i = 0; i < RUNS; i++)
      samples.push((await run('one-replica', i, survivor, alone)).afterKillMs);
    results['one-replica'] = { afterGraceMs: summarize(samples), samples };
    await survivor.stop();
    await alone.stop();
    stops.length = 0;
  }
  if (CASES.includes('replica-dies')) {
    const env = {
      DATABASE_URL: controlDb.url,
      REDIS_URL,
      PODIUM_REDIS_NAMESPACE: `bench-${randomBytes(4).toString('hex')}`,
      PODIUM_SESSION_SECRET: randomBytes(32).toString('hex'),
      PODIUM_REPLICA_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    const staying = await startControlPlane(env);
    stops.push(() => staying.stop());
    const survivor = startExecutor(conductorOf(staying), 'survivor-replica-dies');
    stops.push(() => survivor.stop());
    await survivor.launched;
    await untilStatus(survivor.executorId, 'CONNECTED');
    const afterLease = [];
    const whole = [];
    for (let i = 0; i < RUNS; i++) {
      const dying = await startControlPlane(env);
      const sample = await run('replica-dies', i, survivor, dying, () =>
        process.kill(dying.pid, 'SIGKILL'),
      );
      afterLease.push(sample.afterDisconnectionMs);
      whole.push(sample.afterKillMs + GRACE_SECONDS * 1000);
    }
    results['replica-dies'] = {
      afterLeaseAndGraceMs: summarize(afterLease),
      killToResumedMs: summarize(whole),
      samples: afterLease,
    };
  }
} finally {
  for (const stop of stops.reverse()) await stop();
  await control.end();
  await controlDb.drop();
  await systemDb.drop();
}

console.log(
  JSON.stringify(
    { runs: RUNS, graceSeconds: GRACE_SECONDS, leaseSeconds: LEASE_SECONDS, results },
    null,
    2,
  ),
);
for (const [name, result] of Object.entries(results)) {
  const figures = result.afterGraceMs ?? result.afterLeaseAndGraceMs;
  console.log(
    `${name}: recovered p50 ${figures.p50} ms, p99 ${figures.p99} ms after ${result.afterGraceMs ? 'the grace period' : 'lease expiry + grace period'} (target p99 < ${TARGET_P99_MS} ms: ${figures.p99 < TARGET_P99_MS ? 'met' : 'missed'})`,
  );
}
