#!/usr/bin/env node
// What routing a command to another replica adds. Two control planes in replica mode
// (PostgreSQL + Redis); one simulated executor (its own process) linked to replica A and,
// over a bare WebSocket, to this process. get_workflow is sent (a) directly, (b) as HTTP to
// replica A (the link is local there) and (c) as HTTP to replica B (routed through Redis to
// A and back). Open-loop at RATE commands/s (default 1,000), the three phases taking turns
// twice, SECONDS each after WARM_SECONDS unmeasured. Target: other-replica p99 overhead over
// direct under 3 ms. Two more phases time the floor under routing: a message to an idle echo
// process and back through Redis pub/sub (as routed commands travel) and over a WebSocket (as a
// direct link would).
// Also the CPU per command of the replicas, of the PostgreSQL server (the last-known index's
// writes) and of Redis, by phase, and how contended the machine was meanwhile: the share of its
// CPU time the hypervisor stole, and how long the processes a command passes waited, ready,
// for a CPU.
import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@podium/db/testing';
import { WebSocketServer } from 'ws';
import { directClient, proxiedClient, summarize, whenAnswering } from './lib/command-clients.mjs';
import { cpuSeconds, freePort, startControlPlane } from './lib/control-plane.mjs';
import { machineCpuTicks, runQueueWaitSeconds } from './lib/machine-cpu.mjs';
import { runOpenLoop } from './lib/open-loop.mjs';
import { roundTripClients } from './lib/round-trips.mjs';
import { seedApp } from './lib/seed.mjs';
import { postgresCpuSeconds, redisCpuSeconds, redisPids } from './lib/service-cpu.mjs';
import { round } from './lib/stats.mjs';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 8);
const WARM_SECONDS = Number(process.env.WARM_SECONDS ?? 2);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const TARGET_P99_MS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));

const scratch = await createScratchDatabase();
const seeded = await seedApp(scratch.url, ['websocket.connect', 'application.read', 'metric.read']);
// Its own namespace: nothing else on this Redis hears these replicas.
const replicaEnv = {
  DATABASE_URL: scratch.url,
  REDIS_URL,
  PODIUM_REDIS_NAMESPACE: `bench-${randomBytes(4).toString('hex')}`,
  PODIUM_SESSION_SECRET: randomBytes(32).toString('hex'),
};
const replicaA = await startControlPlane(replicaEnv);
const replicaB = await startControlPlane(replicaEnv);
const directPort = await freePort();
const direct = new WebSocketServer({
  host: '127.0.0.1',
  port: directPort,
  perMessageDeflate: false,
});
const executorLink = new Promise((resolve) => direct.once('connection', resolve));
const executor = fork(
  path.join(here, 'lib/simulated-executor.mjs'),
  [
    `${replicaA.url.replace('http', 'ws')}/conductor/v1alpha1/websocket/${seeded.app}/${seeded.apiKey}`,
    `ws://127.0.0.1:${directPort}`,
  ],
  { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);

let echo;

try {
  echo = await roundTripClients(REDIS_URL, `${replicaEnv.PODIUM_REDIS_NAMESPACE}:bench`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const send = {
    direct: directClient(await executorLink),
    sameReplica: proxiedClient(replicaA.url, seeded, agent),
    otherReplica: proxiedClient(replicaB.url, seeded, agent),
    redisRoundTrip: echo.redis,
    socketRoundTrip: echo.socket,
  };
  // Until both replicas reach the executor.
  await whenAnswering(send.sameReplica);
  await whenAnswering(send.otherReplica);

  const runs = {
    direct: [],
    sameReplica: [],
    otherReplica: [],
    redisRoundTrip: [],
    socketRoundTrip: [],
  };
  // Spent per command, by phase: the CPU seconds of both replicas, of the PostgreSQL server (the
  // last-known index's writes) and of Redis (direct and the round trips: what the replicas spend
  // idle), the run-queue wait of the processes the phase's messages pass (main threads), and the
  // machine's clock ticks, all and stolen (their ratio is the phase's stolen share).
  const redis = redisPids();
  const passes = {
    direct: [process.pid, executor.pid],
    sameReplica: [process.pid, replicaA.pid, executor.pid],
    otherReplica: [process.pid, replicaB.pid, ...redis, replicaA.pid, executor.pid],
    redisRoundTrip: [process.pid, ...redis, echo.pid],
    socketRoundTrip: [process.pid, echo.pid],
  };
  const meters = {
    replicas: () => cpuSeconds(replicaA.pid) + cpuSeconds(replicaB.pid),
    postgres: postgresCpuSeconds,
    redis: redisCpuSeconds,
    waited: (phase) => passes[phase].reduce((sum, pid) => sum + runQueueWaitSeconds(pid), 0),
    ticks: () => machineCpuTicks().total,
    stolenTicks: () => machineCpuTicks().stolen,
  };
  const spentPerCommand = Object.fromEntries(
    Object.keys(meters).map((meter) => [
      meter,
      Object.fromEntries(Object.keys(runs).map((phase) => [phase, 0])),
    ]),
  );
  for (let turn = 0; turn < 2; turn++) {
    for (const phase of Object.keys(runs)) {
      // A phase measures its path under steady load, so WARM_SECONDS of it run first, unmeasured:
      // here a replica idles for over half a minute between its phases (at a steady 1,000/s it
      // would not), and what V8 compiled for the path may be gone by then.
      await runOpenLoop({ rate: RATE, seconds: WARM_SECONDS, send: send[phase] });
      const before = Object.fromEntries(
        Object.entries(meters).map(([m, read]) => [m, read(phase)]),
      );
      const run = await runOpenLoop({ rate: RATE, seconds: SECONDS, send: send[phase] });
      for (const [meter, read] of Object.entries(meters)) {
        spentPerCommand[meter][phase] += (read(phase) - before[meter]) / run.sent / 2;
      }
      runs[phase].push(run);
    }
  }
  const result = {
    rate: RATE,
    secondsPerPhase: SECONDS,
    direct: summarize(runs.direct),
    sameReplica: summarize(runs.sameReplica),
    otherReplica: summarize(runs.otherReplica),
    redisRoundTrip: summarize(runs.redisRoundTrip),
    socketRoundTrip: summarize(runs.socketRoundTrip),
  };
  const overhead = (phase) => ({
    p50Ms: round(result[phase].p50Ms - result.direct.p50Ms, 2),
    p99Ms: round(result[phase].p99Ms - result.direct.p99Ms, 2),
  });
  result.overhead = {
    sameReplica: overhead('sameReplica'),
    otherReplica: overhead('otherReplica'),
  };
  const msPerCommand = (meter) =>
    Object.fromEntries(
      Object.entries(spentPerCommand[meter]).map(([phase, s]) => [phase, round(s * 1000, 3)]),
    );
  result.replicasCpuMsPerCommand = msPerCommand('replicas');
  result.postgresCpuMsPerCommand = msPerCommand('postgres');
  result.redisCpuMsPerCommand = msPerCommand('redis');
  result.runQueueWaitMsPerCommand = msPerCommand('waited');
  result.stolenPercent = Object.fromEntries(
    Object.keys(runs).map((phase) => [
      phase,
      round((100 * spentPerCommand.stolenTicks[phase]) / spentPerCommand.ticks[phase], 1),
    ]),
  );
  result.targetMet =
    result.overhead.otherReplica.p99Ms < TARGET_P99_MS &&
    result.otherReplica.errors === 0 &&
    result.sameReplica.errors === 0;
  console.log(JSON.stringify(result, null, 2));
  const { sameReplica, otherReplica } = result.overhead;
  const cpuLine = (phase) =>
    ['replicas', 'postgres', 'redis'].map((m) => result[`${m}CpuMsPerCommand`][phase]).join(' + ');
  console.log(
    `proxy across replicas: get_workflow at ${RATE}/s — direct p50 ${result.direct.p50Ms} / p99 ${result.direct.p99Ms} ms; ` +
      `same replica p50 ${result.sameReplica.p50Ms} / p99 ${result.sameReplica.p99Ms} ms (overhead ${sameReplica.p50Ms} / ${sameReplica.p99Ms}); ` +
      `other replica p50 ${result.otherReplica.p50Ms} / p99 ${result.otherReplica.p99Ms} ms (overhead ${otherReplica.p50Ms} / ${otherReplica.p99Ms}); ` +
      `bare round trip through Redis p50 ${result.redisRoundTrip.p50Ms} / p99 ${result.redisRoundTrip.p99Ms} ms, ` +
      `over a WebSocket p50 ${result.socketRoundTrip.p50Ms} / p99 ${result.socketRoundTrip.p99Ms} ms; ` +
      `CPU per command, replicas + PostgreSQL + Redis: same replica ${cpuLine('sameReplica')}, ` +
      `other replica ${cpuLine('otherReplica')} ms; ` +
      `run-queue wait per command of the processes passed, same / other replica ` +
      `${result.runQueueWaitMsPerCommand.sameReplica} / ${result.runQueueWaitMsPerCommand.otherReplica} ms, ` +
      `CPU time stolen by the host ${result.stolenPercent.sameReplica} / ${result.stolenPercent.otherReplica} % — ` +
      `target other-replica p99 overhead <${TARGET_P99_MS} ms: ${result.targetMet ? 'met' : 'NOT met'}`,
  );
  agent.destroy();
} finally {
  executor.kill();
  echo?.close();
  direct.close();
  await Promise.all([replicaA.stop(), replicaB.stop()]);
  await scratch.drop();
}
