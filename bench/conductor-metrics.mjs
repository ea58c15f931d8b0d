#!/usr/bin/env node
// What DBOS Conductor's `GET /v1/metrics` costs with many applications connected. ORGS
// organizations (default 3) of APPS applications each (default 100), one simulated executor
// per application (all in one child process) answering the aggregate requests the gauges are
// computed from. For each organization: its first scrape of a minute (uncached: five executor
// requests per application) and then ROUNDS scrapes in the same minute (cached: none). Reports
// latency and the control plane's CPU per scrape, and the executor requests each kind sent.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@podium/db/testing';
import { cpuSeconds, startControlPlane } from './lib/control-plane.mjs';
import { commandsSent, connectedLinks } from './lib/own-metrics.mjs';
import { seedApps } from './lib/seed.mjs';
import { percentile, round } from './lib/stats.mjs';

const ORGS = Number(process.env.ORGS ?? 3);
const APPS = Number(process.env.APPS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const here = path.dirname(fileURLToPath(import.meta.url));
const MINUTE_MS = 60_000;

const scratch = await createScratchDatabase();
const orgs = [];
for (let i = 0; i < ORGS; i++) {
  orgs.push(
    await seedApps(scratch.url, APPS, ['websocket.connect', 'application.read', 'metric.read']),
  );
}
const controlPlane = await startControlPlane({ DATABASE_URL: scratch.url });
const wsBase = `${controlPlane.url.replace('http', 'ws')}/conductor/v1alpha1/websocket`;
const executors = fork(path.join(here, 'lib/aggregate-executors.mjs'), [], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});

const aggregateRequests = async () =>
  (await commandsSent(controlPlane.url, 'get_workflow_aggregates')) +
  (await commandsSent(controlPlane.url, 'get_step_aggregates'));

/** One scrape: its latency, the control plane's CPU, its series, the executor requests it sent. */
async function scrape(apiKey) {
  const requestsBefore = await aggregateRequests();
  const cpuBefore = cpuSeconds(controlPlane.pid);
  const started = performance.now();
  const res = await fetch(`${controlPlane.url}/v1/metrics`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const body = await res.text();
  const ms = performance.now() - started;
  const cpuMs = (cpuSeconds(controlPlane.pid) - cpuBefore) * 1000;
  if (res.status !== 200) throw new Error(`/v1/metrics ${res.status}: ${body.slice(0, 300)}`);
  const series = body.split('\n').filter((l) => l.startsWith('dbos_conductor_v1_')).length;
  return { ms, cpuMs, series, requests: (await aggregateRequests()) - requestsBefore };
}

/** Waits, if need be, so the next ROUNDS + 1 scrapes fall in one minute. */
async function atMinuteStart() {
  const into = Date.now() % MINUTE_MS;
  if (into > 40_000) await new Promise((r) => setTimeout(r, MINUTE_MS - into + 1_000));
}

try {
  const urls = orgs.flatMap((o) => o.apps.map((app) => `${wsBase}/${app.name}/${o.apiKey}`));
  const ready = new Promise((resolve) => executors.once('message', resolve));
  executors.send({ urls });
  await ready;
  while ((await connectedLinks(controlPlane.url)) < urls.length) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const uncached = [];
  const cached = [];
  for (const org of orgs) {
    await atMinuteStart();
    const minute = Math.floor(Date.now() / MINUTE_MS);
    uncached.push(await scrape(org.apiKey));
    for (let i = 0; i < ROUNDS; i++) {
      const sample = await scrape(org.apiKey);
      if (Math.floor(Date.now() / MINUTE_MS) === minute) cached.push(sample);
    }
  }
  const describe = (samples) => {
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const cpu = samples.reduce((sum, s) => sum + s.cpuMs, 0) / samples.length;
    return {
      scrapes: samples.length,
      p50Ms: round(percentile(ms, 50)),
      p99Ms: round(percentile(ms, 99)),
      maxMs: round(ms.at(-1)),
      cpuMsPerScrape: round(cpu, 1),
      executorRequestsPerScrape: round(
        samples.reduce((sum, s) => sum + s.requests, 0) / samples.length,
        1,
      ),
      seriesPerScrape: samples[0]?.series,
    };
  };
  const result = {
    applications: APPS,
    organizations: ORGS,
    uncached: describe(uncached),
    cached: describe(cached),
  };
  result.uncachedOverCached = round(result.uncached.p50Ms / result.cached.p50Ms, 1);
  console.log(JSON.stringify(result, null, 2));
} finally {
  executors.kill();
  await controlPlane.stop();
  await scratch.drop();
}
