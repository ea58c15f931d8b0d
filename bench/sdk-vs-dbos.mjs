#!/usr/bin/env node
// Podium SDK against DBOS Transact 5.2.11, side by side on the same PostgreSQL server: the
// same 3-step workflow, WORKFLOWS (default 2,000) run one at a time and WORKFLOWS more run
// CONCURRENCY (default 50) at a time. Each SDK runs in its own child process on its own fresh
// database, with the same pool size and log level, after a warm-up that is not counted.
// The machine may be shared, and its load drifts, so the SDKs take turns in slices, in ABBA
// order (DBOS, Podium, Podium, DBOS, ...): both see the same conditions, and only one works
// at a time. SLICES (default 8) slices one at a time, half as many 50 at a time (that mode is
// faster, and longer slices keep the pool's ramp-up and drain a small share). Afterwards every database is checked: each
// workflow SUCCESS, with three step checkpoints. Target: Podium/DBOS ≥ 1.0 in both modes.
import { createScratchDatabase } from '@podium/db/testing';
import { countWritten, startSdkProcess } from './lib/sdk-process.mjs';
import { percentile, round } from './lib/stats.mjs';

const WORKFLOWS = Number(process.env.WORKFLOWS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const WARMUP = Number(process.env.WARMUP ?? 100);
const SLICES = Number(process.env.SLICES ?? 8);
/** Issue 11: keep the SDK at least half as fast again as DBOS in both modes. */
const TARGET_RATIO = 1.5;
const POOL_SIZE = 10; // both SDKs' default connection pool size, set explicitly on both
const SDKS = ['dbos', 'podium'];
const MODES = {
  sequential: { concurrency: 1, slices: SLICES },
  concurrent: { concurrency: CONCURRENCY, slices: Math.ceil(SLICES / 2) },
};

/** One SDK's process, with `run(slice)` → the slice's measurements. */
async function startChild(sdk, databaseUrl) {
  const child = await startSdkProcess(sdk, databaseUrl, { POOL_SIZE: String(POOL_SIZE) });
  return { ...child, run: async (slice) => (await child.request({ run: slice })).slice };
}

function summarise(slices) {
  const workflows = slices.reduce((sum, s) => sum + s.count, 0);
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  const latencies = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const rates = slices.map((s) => s.count / s.seconds);
  return {
    workflows,
    seconds: round(seconds, 2),
    workflowsPerSecond: round(workflows / seconds, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    cpuMsPerWorkflow: round(slices.reduce((sum, s) => sum + s.cpuMs, 0) / workflows, 3),
    sliceWorkflowsPerSecond: [round(Math.min(...rates), 1), round(Math.max(...rates), 1)],
  };
}

const databases = {};
const children = {};
const slices = { sequential: { dbos: [], podium: [] }, concurrent: { dbos: [], podium: [] } };
let summary;
try {
  for (const sdk of SDKS) databases[sdk] = await createScratchDatabase({ migrate: false });
  // One after the other, so neither launch competes with the other.
  for (const sdk of SDKS) children[sdk] = await startChild(sdk, databases[sdk].url);
  for (const sdk of SDKS) {
    await children[sdk].run({ prefix: 'warmup', from: 0, count: WARMUP, concurrency: CONCURRENCY });
  }
  for (const [mode, { concurrency, slices: modeSlices }] of Object.entries(MODES)) {
    const sliceSize = Math.ceil(WORKFLOWS / modeSlices);
    for (let s = 0, from = 0; from < WORKFLOWS; s++, from += sliceSize) {
      const count = Math.min(sliceSize, WORKFLOWS - from);
      for (const sdk of s % 2 === 0 ? SDKS : [...SDKS].reverse()) {
        const slice = await children[sdk].run({ prefix: mode, from, count, concurrency });
        if (slice.wrong > 0) throw new Error(`${sdk}: ${slice.wrong} wrong results in ${mode}`);
        slices[mode][sdk].push(slice);
      }
    }
  }
  for (const sdk of SDKS) await children[sdk].stop();

  const total = WARMUP + 2 * WORKFLOWS;
  const written = {};
  for (const sdk of SDKS) {
    written[sdk] = await countWritten(sdk, databases[sdk].url, children[sdk].stepNames);
    const { workflows, succeeded, checkpoints } = written[sdk];
    if (workflows !== total || succeeded !== total || checkpoints !== 3 * total) {
      throw new Error(`${sdk} wrote ${JSON.stringify(written[sdk])}, expected ${total} workflows`);
    }
    written[sdk].transactionsPerWorkflow = round(written[sdk].transactions / total, 1);
  }

  const results = {};
  const ratios = {};
  const sliceRatios = {};
  for (const mode of Object.keys(MODES)) {
    results[mode] = { podium: summarise(slices[mode].podium), dbos: summarise(slices[mode].dbos) };
    const { podium, dbos } = results[mode];
    ratios[mode] = round(podium.workflowsPerSecond / dbos.workflowsPerSecond, 2);
    // Each slice's pair ran back to back: how much the ratio moves shows the noise.
    const paired = slices[mode].podium
      .map((p, i) => slices[mode].dbos[i].seconds / p.seconds)
      .sort((a, b) => a - b);
    sliceRatios[mode] = [paired[0], percentile(paired, 50), paired.at(-1)].map((r) => round(r, 2));
  }
  summary = {
    workflows: WORKFLOWS,
    stepsPerWorkflow: 3,
    concurrency: CONCURRENCY,
    warmup: WARMUP,
    slices: { sequential: MODES.sequential.slices, concurrent: MODES.concurrent.slices },
    poolSize: POOL_SIZE,
    results,
    ratioPodiumOverDbos: ratios,
    sliceRatiosMinMedianMax: sliceRatios,
    targetMet: Object.values(ratios).every((ratio) => ratio >= TARGET_RATIO),
    launchMs: {
      podium: round(children.podium.launchMs, 0),
      dbos: round(children.dbos.launchMs, 0),
    },
    verified: { results: 'all correct', ...written },
  };
} finally {
  for (const child of Object.values(children)) child.kill();
  for (const database of Object.values(databases)) await database.drop();
}

console.log(JSON.stringify(summary, null, 2));
const line = (mode) => {
  const { podium, dbos } = summary.results[mode];
  const ratio = summary.ratioPodiumOverDbos[mode];
  return `${mode} ${podium.workflowsPerSecond} vs ${dbos.workflowsPerSecond} wf/s (×${ratio})`;
};
console.log(
  `sdk: Podium vs DBOS 5.2.11, ${WORKFLOWS} workflows × 3 steps — ${line('sequential')}, ` +
    `${line('concurrent')} at ${CONCURRENCY} in flight — target ≥${TARGET_RATIO}: ` +
    `${summary.targetMet ? 'met' : 'NOT met'}`,
);
