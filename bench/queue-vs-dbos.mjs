#!/usr/bin/env node
// Queues: Podium SDK against DBOS Transact 5.2.11, side by side on the same PostgreSQL server.
// Each SDK, in its own child process on its own fresh database, registers one queue with a
// global concurrency of QUEUE_CONCURRENCY (default 10), both polling it every POLL_MS (default
// 100), and runs WORKFLOWS (default 10,000) of the same 3-step workflow through it: enqueued
// ENQUEUE_CONCURRENCY (default 50) at a time, the clock running from the first enqueue to the
// last workflow's last step. Wall time, throughput, and the peak number running at once (which
// must stay within the queue's concurrency). ROUNDS (default 2) rounds in ABBA order (DBOS,
// Podium, then Podium, DBOS), so both see the same machine. Afterwards every database must hold
// every workflow as SUCCESS with its three step checkpoints.
import { createScratchDatabase } from '@podium/db/testing';
import { countWritten, startSdkProcess } from './lib/sdk-process.mjs';
import { round } from './lib/stats.mjs';

const WORKFLOWS = Number(process.env.WORKFLOWS ?? 10_000);
const QUEUE_CONCURRENCY = Number(process.env.QUEUE_CONCURRENCY ?? 10);
const POLL_MS = Number(process.env.POLL_MS ?? 100);
const ENQUEUE_CONCURRENCY = Number(process.env.ENQUEUE_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SDKS = ['dbos', 'podium'];
const POOL_SIZE = 10; // both SDKs' default, set explicitly on both

async function startChild(sdk, databaseUrl) {
  const child = await startSdkProcess(sdk, databaseUrl, {
    POOL_SIZE: String(POOL_SIZE),
    QUEUE_CONCURRENCY: String(QUEUE_CONCURRENCY),
    QUEUE_POLL_MS: String(POLL_MS),
  });
  return { ...child, batch: async (batch) => (await child.request({ enqueue: batch })).batch };
}

function summarise(batches) {
  const workflows = batches.reduce((sum, b) => sum + b.count, 0);
  const seconds = batches.reduce((sum, b) => sum + b.seconds, 0);
  return {
    workflows,
    seconds: round(seconds, 2),
    workflowsPerSecond: round(workflows / seconds, 1),
    enqueueSeconds: round(
      batches.reduce((sum, b) => sum + b.enqueueSeconds, 0),
      2,
    ),
    peakRunning: Math.max(...batches.map((b) => b.peak)),
    cpuMsPerWorkflow: round(batches.reduce((sum, b) => sum + b.cpuMs, 0) / workflows, 3),
    roundSeconds: batches.map((b) => round(b.seconds, 2)),
  };
}

const databases = {};
const children = {};
const batches = { dbos: [], podium: [] };
let summary;
try {
  for (const sdk of SDKS) databases[sdk] = await createScratchDatabase({ migrate: false });
  for (const sdk of SDKS) children[sdk] = await startChild(sdk, databases[sdk].url);
  for (let r = 0; r < ROUNDS; r++) {
    for (const sdk of r % 2 === 0 ? SDKS : [...SDKS].reverse()) {
      const batch = await children[sdk].batch({
        prefix: `round-${r}`,
        count: WORKFLOWS,
        concurrency: ENQUEUE_CONCURRENCY,
      });
      if (batch.peak > QUEUE_CONCURRENCY) {
        throw new Error(`${sdk} ran ${batch.peak} at once on a queue of ${QUEUE_CONCURRENCY}`);
      }
      batches[sdk].push(batch);
    }
  }
  for (const sdk of SDKS) await children[sdk].stop();

  const total = ROUNDS * WORKFLOWS;
  const verified = {};
  for (const sdk of SDKS) {
    const written = await countWritten(sdk, databases[sdk].url, children[sdk].stepNames);
    const { workflows, succeeded, checkpoints } = written;
    if (workflows !== total || succeeded !== total || checkpoints !== 3 * total) {
      throw new Error(`${sdk} wrote ${JSON.stringify(written)}, expected ${total} workflows`);
    }
    verified[sdk] = { ...written, transactionsPerWorkflow: round(written.transactions / total, 1) };
  }
  const results = { podium: summarise(batches.podium), dbos: summarise(batches.dbos) };
  summary = {
    workflowsPerRound: WORKFLOWS,
    rounds: ROUNDS,
    queueConcurrency: QUEUE_CONCURRENCY,
    pollMs: POLL_MS,
    enqueueConcurrency: ENQUEUE_CONCURRENCY,
    poolSize: POOL_SIZE,
    results,
    ratioPodiumOverDbos: round(
      results.podium.workflowsPerSecond / results.dbos.workflowsPerSecond,
      2,
    ),
    verified: { results: 'all SUCCESS with 3 checkpoints, peak within the limit', ...verified },
  };
} finally {
  for (const child of Object.values(children)) child.kill();
  for (const database of Object.values(databases)) await database.drop();
}

console.log(JSON.stringify(summary, null, 2));
const { podium, dbos } = summary.results;
console.log(
  `queue: Podium vs DBOS 5.2.11, ${WORKFLOWS} workflows × ${ROUNDS} rounds through a queue of ` +
    `concurrency ${QUEUE_CONCURRENCY} (polling every ${POLL_MS} ms) — ` +
    `${podium.workflowsPerSecond} vs ${dbos.workflowsPerSecond} wf/s ` +
    `(×${summary.ratioPodiumOverDbos}), ${podium.seconds} s vs ${dbos.seconds} s`,
);
