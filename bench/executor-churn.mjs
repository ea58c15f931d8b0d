#!/usr/bin/env node
// Executor churn: what many short-lived links cost the control plane. Each round opens CYCLES
// (default 500) links, CONCURRENCY at a time, each with a new executor id: it answers
// executor_info, stays LINGER_MS, and hangs up without answering anything else (as a crashing
// deploy would). The application's grace period is short (GRACE_SECONDS, default 2), so dead
// executors pile up while executors keep connecting, and none can answer a recovery. Per round:
// wall time, the control plane's RSS afterwards, and the log lines it wrote (at info level).
// Then IDLE_SECONDS of quiet and RSS once more (does memory come back?).
import { createScratchDatabase } from '@podium/db/testing';
import WebSocket from 'ws';
import { rssBytes, startControlPlane } from './lib/control-plane.mjs';
import { seedApp } from './lib/seed.mjs';
import { mib, round } from './lib/stats.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CYCLES = Number(process.env.CYCLES ?? 500);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const LINGER_MS = Number(process.env.LINGER_MS ?? 100);
const GRACE_SECONDS = Number(process.env.GRACE_SECONDS ?? 2);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 15);
/** Gives up on a round past this (the control plane stopped keeping up). */
const ROUND_LIMIT_MS = Number(process.env.ROUND_LIMIT_MS ?? 300_000);

const scratch = await createScratchDatabase();
const seeded = await seedApp(scratch.url, ['websocket.connect'], {
  executorGracePeriodSeconds: GRACE_SECONDS,
});
const controlPlane = await startControlPlane(
  {
    DATABASE_URL: scratch.url,
    PODIUM_LOG_LEVEL: 'info',
    PODIUM_EXECUTOR_RECOVERY_SWEEP_MS: '5000',
  },
  { echoLogs: false },
);
const url = `${controlPlane.url.replace('http', 'ws')}/conductor/v1alpha1/websocket/${seeded.app}/${seeded.apiKey}`;

let executorIds = 0;
/** One short life: connect, say who it is, linger, hang up. Resolves when closed. */
function cycle() {
  return new Promise((resolve) => {
    const executorId = `churn-${executorIds++}`;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (data) => {
      const request = JSON.parse(data.toString());
      if (request.type !== 'executor_info') return; // never answers anything else
      ws.send(
        JSON.stringify({
          type: 'executor_info',
          request_id: request.request_id,
          executor_id: executorId,
          application_version: 'v1',
          hostname: 'churn',
          language: 'typescript',
          dbos_version: '5.2.11',
        }),
      );
      setTimeout(() => ws.close(), LINGER_MS);
    });
    ws.on('close', () => resolve(true));
    ws.on('error', () => resolve(false));
  });
}

const rounds = [];
try {
  await new Promise((r) => setTimeout(r, 2000));
  const baselineRss = rssBytes(controlPlane.pid);
  for (let n = 1; n <= ROUNDS; n++) {
    const linesBefore = controlPlane.logLines();
    const started = performance.now();
    let done = 0;
    let failed = 0;
    let timedOut = false;
    const deadline = started + ROUND_LIMIT_MS;
    while (done < CYCLES && !timedOut) {
      const wave = Math.min(CONCURRENCY, CYCLES - done);
      const results = await Promise.all(Array.from({ length: wave }, cycle));
      failed += results.filter((ok) => !ok).length;
      done += wave;
      timedOut = performance.now() > deadline;
    }
    rounds.push({
      round: n,
      cycles: done,
      failed,
      seconds: round((performance.now() - started) / 1000, 1),
      rssMiB: mib(rssBytes(controlPlane.pid)),
      logLines: controlPlane.logLines() - linesBefore,
      timedOut,
    });
    console.error(JSON.stringify(rounds.at(-1)));
    if (timedOut) break;
  }
  const linesBeforeIdle = controlPlane.logLines();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const result = {
    benchmark: 'executor-churn',
    cyclesPerRound: CYCLES,
    concurrency: CONCURRENCY,
    graceSeconds: GRACE_SECONDS,
    baselineRssMiB: mib(baselineRss),
    rounds,
    afterIdle: {
      seconds: IDLE_SECONDS,
      rssMiB: mib(rssBytes(controlPlane.pid)),
      logLines: controlPlane.logLines() - linesBeforeIdle,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  const last = rounds.at(-1);
  console.log(
    `churn: ${rounds.length} rounds of ${CYCLES}; round 1 ${rounds[0]?.seconds} s, last ${last?.seconds} s; ` +
      `log lines per round ${rounds.map((r) => r.logLines).join(' / ')}; ` +
      `RSS ${mib(baselineRss)} → ${last?.rssMiB} MiB (after ${IDLE_SECONDS} s idle: ${result.afterIdle.rssMiB} MiB)`,
  );
} finally {
  await controlPlane.stop();
  await scratch.drop();
}
