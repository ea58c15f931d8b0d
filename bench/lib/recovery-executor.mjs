#!/usr/bin/env node
// One @podium/sdk executor for executor-recovery.mjs, linked to the control plane at
// CONDUCTOR_URL as EXECUTOR_ID (application version v1), on the app's system database
// (DATABASE_URL). Its one workflow, `hold`, tells the parent over IPC when its body starts
// ({ started: { workflowId, executorId, at } }, `at` on this machine's clock) and then holds in
// a step until the parent releases it ({ release: workflowId }). { start: workflowId } starts
// one here. Says { ready } once launched. Not meant to be run by hand.
import { Podium } from '@podium/sdk';

const { DATABASE_URL, CONDUCTOR_URL, CONDUCTOR_KEY, APP_NAME, EXECUTOR_ID } = process.env;
const write = (level) => (fields, message) =>
  process.stderr.write(`[${EXECUTOR_ID} ${level}] ${message} ${JSON.stringify(fields)}\n`);
const podium = new Podium({
  appName: APP_NAME,
  databaseUrl: DATABASE_URL,
  executorId: EXECUTOR_ID,
  applicationVersion: 'v1',
  conductorUrl: CONDUCTOR_URL,
  conductorKey: CONDUCTOR_KEY,
  poolSize: 4,
  logger: {
    debug: () => undefined,
    info: () => undefined,
    warn: write('warn'),
    error: write('error'),
  },
});

const releases = new Map();
const hold = podium.workflow('hold', async (ctx) => {
  // Outside any step: it runs again wherever the workflow is recovered.
  process.send({
    started: { workflowId: ctx.workflowId, executorId: EXECUTOR_ID, at: Date.now() },
  });
  await ctx.step('hold', () => new Promise((resolve) => releases.set(ctx.workflowId, resolve)));
  return 'released';
});

process.on('message', async (message) => {
  if (message.start) await hold.start([], { workflowId: message.start });
  if (message.release) releases.get(message.release)?.();
  if (message.shutdown) {
    await podium.shutdown();
    process.exit(0);
  }
});
await podium.launch();
process.send({ ready: true });
