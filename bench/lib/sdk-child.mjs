#!/usr/bin/env node
// One SDK (SDK=podium|dbos) in its own process, on its own database (DATABASE_URL), driven
// by sdk-vs-dbos.mjs or queue-vs-dbos.mjs over IPC (lib/sdk-process.mjs). It registers the
// same 3-step workflow for either SDK, launches, says { ready }, then runs the slices of work
// it is sent ({ run: { prefix, from, count, concurrency } } → { slice }) and checks every
// result. With QUEUE_CONCURRENCY it also registers the queue QUEUE_NAME with that global
// concurrency, both SDKs polling it every QUEUE_POLL_MS, and runs batches through it
// ({ enqueue: { prefix, count, concurrency } } → { batch }). { shutdown } shuts the SDK down
// and exits. Not meant to be run by hand.
const { SDK, DATABASE_URL } = process.env;
const POOL_SIZE = Number(process.env.POOL_SIZE ?? 10);
const QUEUE = process.env.QUEUE_CONCURRENCY && {
  name: process.env.QUEUE_NAME ?? 'bench-queue',
  concurrency: Number(process.env.QUEUE_CONCURRENCY),
  pollMs: Number(process.env.QUEUE_POLL_MS ?? 1000),
};

// Three trivial steps; the result depends on all three, so a skipped or wrongly replayed
// step shows up as a wrong result.
const STEP_NAMES = ['add', 'double', 'label'];
const workflowBody = async (step, i) => {
  const a = await step(STEP_NAMES[0], async () => i + 1);
  const b = await step(STEP_NAMES[1], async () => a * 2);
  return step(STEP_NAMES[2], async () => `wf-${i}:${b + 3}`);
};
const expected = (i) => `wf-${i}:${(i + 1) * 2 + 3}`;

/**
 * The queued variant counts, in its first and last steps, how many run at once (the peak
 * must stay within the queue's concurrency) and how many have finished.
 */
const queued = { running: 0, peak: 0, done: 0, target: Infinity, allDone: () => undefined };
const queuedBody = async (step, i) => {
  const a = await step(STEP_NAMES[0], async () => {
    queued.peak = Math.max(queued.peak, ++queued.running);
    return i + 1;
  });
  const b = await step(STEP_NAMES[1], async () => a * 2);
  return step(STEP_NAMES[2], async () => {
    queued.running--;
    if (++queued.done === queued.target) queued.allDone();
    return `wf-${i}:${b + 3}`;
  });
};

// Warnings and errors reach stderr from both SDKs (DBOS: logLevel 'warn'); nothing else.
const write = (level) => (fields, message) =>
  process.stderr.write(`[podium ${level}] ${message} ${JSON.stringify(fields)}\n`);
const warnLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: write('warn'),
  error: write('error'),
};

/** The SDK under test, launched: `runOne(workflowId, i)` starts and awaits one workflow. */
async function launchPodium() {
  const { Podium } = await import('@podium/sdk');
  const podium = new Podium({
    appName: 'bench',
    databaseUrl: DATABASE_URL,
    poolSize: POOL_SIZE,
    logger: warnLogger,
    ...(QUEUE && { queuePollIntervalMs: QUEUE.pollMs }),
  });
  const wf = podium.workflow('bench', (ctx, i) =>
    workflowBody((name, fn) => ctx.step(name, fn), i),
  );
  const wfQueued = podium.workflow('bench-queued', (ctx, i) =>
    queuedBody((name, fn) => ctx.step(name, fn), i),
  );
  if (QUEUE) podium.queue(QUEUE.name, { concurrency: QUEUE.concurrency });
  await podium.launch();
  return {
    runOne: async (workflowId, i) => (await wf.start([i], { workflowId })).getResult(),
    enqueue: async (workflowId, i) => {
      await wfQueued.start([i], { workflowId, queueName: QUEUE.name });
    },
    shutdown: () => podium.shutdown(),
  };
}

async function launchDbos() {
  const { DBOS } = await import('@dbos-inc/dbos-sdk');
  DBOS.setConfig({
    name: 'bench',
    systemDatabaseUrl: DATABASE_URL,
    systemDatabasePoolSize: POOL_SIZE,
    logLevel: 'warn',
  });
  const wf = DBOS.registerWorkflow(
    (i) => workflowBody((name, fn) => DBOS.runStep(fn, { name }), i),
    { name: 'bench' },
  );
  const wfQueued = DBOS.registerWorkflow(
    (i) => queuedBody((name, fn) => DBOS.runStep(fn, { name }), i),
    { name: 'bench-queued' },
  );
  await DBOS.launch();
  if (QUEUE) {
    await DBOS.registerQueue(QUEUE.name, {
      globalConcurrency: QUEUE.concurrency,
      minPollingIntervalMs: QUEUE.pollMs,
    });
  }
  return {
    runOne: async (workflowID, i) => (await DBOS.startWorkflow(wf, { workflowID })(i)).getResult(),
    enqueue: async (workflowID, i) => {
      await DBOS.startWorkflow(wfQueued, { workflowID, queueName: QUEUE.name })(i);
    },
    shutdown: () => DBOS.shutdown(),
  };
}

/**
 * Runs workflows `from … from + count - 1` with at most `concurrency` in flight; latency is
 * start → result of each.
 */
async function runSlice(sdk, { prefix, from, count, concurrency }) {
  const latencies = [];
  let next = from;
  let wrong = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < from + count; i = next++) {
      const t0 = performance.now();
      const result = await sdk.runOne(`${prefix}-${i}`, i);
      latencies.push(performance.now() - t0);
      if (result !== expected(i)) wrong++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { count, seconds, latencies, wrong, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Polls (one count every 5 ms) until the batch's `count` workflows are all SUCCESS. */
async function untilAllSucceeded(prefix, count) {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const [table, id] =
    SDK === 'podium'
      ? ['podium.workflow_status', 'workflow_id']
      : ['dbos.workflow_status', 'workflow_uuid'];
  try {
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE status = 'SUCCESS' AND starts_with(${id}, $1)`,
        [`${prefix}-`],
      );
      if (rows[0].n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await db.end();
  }
}

/**
 * Enqueues workflows `0 … count - 1` (at most `concurrency` enqueues in flight) and waits
 * until every one has finished. The clock runs from the first enqueue.
 */
async function runBatch(sdk, { prefix, count, concurrency }) {
  Object.assign(queued, { running: 0, peak: 0, done: 0, target: count });
  const allDone = new Promise((resolve) => (queued.allDone = resolve));
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await sdk.enqueue(`${prefix}-${i}`, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const enqueueSeconds = (performance.now() - started) / 1000;
  await allDone;
  // The last steps have run; the clock stops once every workflow is recorded as finished.
  await untilAllSucceeded(prefix, count);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    count,
    enqueueSeconds,
    seconds,
    peak: queued.peak,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const launched = performance.now();
const sdk = SDK === 'podium' ? await launchPodium() : await launchDbos();
process.send({ ready: { launchMs: performance.now() - launched, stepNames: STEP_NAMES } });
process.on('message', async (message) => {
  if (message.run !== undefined) {
    process.send({ slice: await runSlice(sdk, message.run) });
  } else if (message.enqueue !== undefined) {
    process.send({ batch: await runBatch(sdk, message.enqueue) });
  } else if (message.shutdown) {
    await sdk.shutdown();
    // DBOS may keep timers alive after shutdown; everything has been reported.
    process.exit(0);
  }
});
