#!/usr/bin/env node
// One SDK (SDK=podium|dbos) in its own process, on its own database (DATABASE_URL), driven
// by sdk-vs-dbos.mjs over IPC. It registers the same 3-step workflow for either SDK,
// launches, says { ready }, then runs the slices of work it is sent ({ run: { prefix, from,
// count, concurrency } } → { slice }) and checks every result; { shutdown } shuts the SDK
// down and exits. Not meant to be run by hand.
const { SDK, DATABASE_URL } = process.env;
const POOL_SIZE = Number(process.env.POOL_SIZE);

// Three trivial steps; the result depends on all three, so a skipped or wrongly replayed
// step shows up as a wrong result.
const STEP_NAMES = ['add', 'double', 'label'];
const workflowBody = async (step, i) => {
  const a = await step(STEP_NAMES[0], async () => i + 1);
  const b = await step(STEP_NAMES[1], async () => a * 2);
  return step(STEP_NAMES[2], async () => `wf-${i}:${b + 3}`);
};
const expected = (i) => `wf-${i}:${(i + 1) * 2 + 3}`;

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
  });
  const wf = podium.workflow('bench', (ctx, i) =>
    workflowBody((name, fn) => ctx.step(name, fn), i),
  );
  await podium.launch();
  return {
    runOne: async (workflowId, i) => (await wf.start([i], { workflowId })).getResult(),
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
  await DBOS.launch();
  return {
    runOne: async (workflowID, i) => (await DBOS.startWorkflow(wf, { workflowID })(i)).getResult(),
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

const launched = performance.now();
const sdk = SDK === 'podium' ? await launchPodium() : await launchDbos();
process.send({ ready: { launchMs: performance.now() - launched, stepNames: STEP_NAMES } });
process.on('message', async (message) => {
  if (message.run !== undefined) {
    process.send({ slice: await runSlice(sdk, message.run) });
  } else if (message.shutdown) {
    await sdk.shutdown();
    // DBOS may keep timers alive after shutdown; everything has been reported.
    process.exit(0);
  }
});
