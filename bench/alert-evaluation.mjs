#!/usr/bin/env node
// The control plane's CPU while it evaluates RULES alert rules (default 1,000: APPS = 100
// applications × 10 rules of every type), against the same deployment with none, side by
// side. One simulated executor per application (lib/aggregate-executors.mjs) answers the
// aggregate requests WorkflowFailure and SlowQueue rules are checked with; thresholds are set so
// no rule fires (evaluation only, no deliveries). Evaluation every EVAL_MS (default 5,000),
// each phase WINDOW seconds (default 30).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@podium/db';
import { createScratchDatabase } from '@podium/db/testing';
import { cpuSeconds, startControlPlane } from './lib/control-plane.mjs';
import { commandsSent, connectedLinks } from './lib/own-metrics.mjs';
import { seedApps } from './lib/seed.mjs';
import { round } from './lib/stats.mjs';

const APPS = Number(process.env.APPS ?? 100);
const EVAL_MS = Number(process.env.EVAL_MS ?? 5_000);
const WINDOW = Number(process.env.WINDOW ?? 30);
const here = path.dirname(fileURLToPath(import.meta.url));
const MONTH_SECS = 30 * 86_400;

/** Ten rules an application, none of which fires against the simulated workload. */
function rulesFor(app, organizationId) {
  const rule = (ruleType, ruleMetadata) => ({
    organizationId,
    applicationId: app.id,
    receivingApplicationId: app.id,
    ruleType,
    ruleMetadata,
  });
  return [
    ...['checkout', 'refund', 'invoice'].map((workflow_name) =>
      rule('WorkflowFailure', { threshold: 1_000_000, period_secs: 3_600, workflow_name }),
    ),
    rule('WorkflowFailure', { threshold: 1_000_000, period_secs: 3_600 }),
    ...['default', 'bulk'].map((queue_name) =>
      rule('SlowQueue', { threshold_secs: MONTH_SECS, queue_name }),
    ),
    rule('SlowQueue', { threshold_secs: MONTH_SECS }),
    rule('UnresponsiveApplication', { period_secs: 60 }),
    rule('ExecutorDied', {}),
    rule('RecoveryFailed', {}),
  ];
}

const scratch = await createScratchDatabase();
const seeded = await seedApps(scratch.url, APPS, [
  'websocket.connect',
  'application.read',
  'metric.read',
]);
const db = await openDatabase({ kind: 'postgres', url: scratch.url });
const { id: organizationId } = await db.prisma.organization.findUniqueOrThrow({
  where: { name: seeded.org },
});
const controlPlane = await startControlPlane({
  DATABASE_URL: scratch.url,
  PODIUM_ALERT_EVALUATION_MS: String(EVAL_MS),
});
const executors = fork(path.join(here, 'lib/aggregate-executors.mjs'), [], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});

/** CPU share of the control plane and aggregate requests per second over one window. */
async function phase() {
  const cpuBefore = cpuSeconds(controlPlane.pid);
  const requestsBefore = await commandsSent(controlPlane.url, 'get_workflow_aggregates');
  await new Promise((r) => setTimeout(r, WINDOW * 1_000));
  return {
    cpuPercent: round(((cpuSeconds(controlPlane.pid) - cpuBefore) / WINDOW) * 100, 1),
    aggregateRequestsPerSecond: round(
      ((await commandsSent(controlPlane.url, 'get_workflow_aggregates')) - requestsBefore) / WINDOW,
      1,
    ),
  };
}

try {
  const wsBase = `${controlPlane.url.replace('http', 'ws')}/conductor/v1alpha1/websocket`;
  const ready = new Promise((resolve) => executors.once('message', resolve));
  executors.send({ urls: seeded.apps.map((app) => `${wsBase}/${app.name}/${seeded.apiKey}`) });
  await ready;
  while ((await connectedLinks(controlPlane.url)) < APPS) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const without = await phase();
  const rules = seeded.apps.flatMap((app) => rulesFor(app, organizationId));
  await db.prisma.alertRule.createMany({ data: rules });
  const withRules = await phase();
  const firing = await db.prisma.alertRule.count({ where: { state: 'FIRING' } });
  const result = {
    applications: APPS,
    rules: rules.length,
    evaluationEveryMs: EVAL_MS,
    windowSeconds: WINDOW,
    withoutRules: without,
    withRules,
    firing,
    cpuPercentAddedByRules: round(withRules.cpuPercent - without.cpuPercent, 1),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  executors.kill();
  await controlPlane.stop();
  await db.close();
  await scratch.drop();
}
