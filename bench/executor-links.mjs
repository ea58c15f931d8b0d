#!/usr/bin/env node
// How many executor links control planes hold, and at what cost.
// Opens LINKS (default 10,000) real WebSocket links that behave like DBOS executors (answer
// executor_info; pings are answered by the ws library), spread over REPLICAS control planes
// (default 1; more run in replica mode on PostgreSQL + Redis, as behind a load balancer),
// waits until every executor is recorded CONNECTED, then measures each control plane's RSS
// and its CPU while idle. Targets: 10,000 links on one process under 1 GiB RSS; 30,000 over
// three replicas, each under 1 GiB. The links are held by child processes
// (lib/link-holder.mjs), LINKS_PER_HOLDER each: a process may hold only so many sockets.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@podium/db/testing';
import pg from 'pg';
import { cpuPercentOver, rssBytes, startControlPlane } from './lib/control-plane.mjs';
import { seedApp } from './lib/seed.mjs';
import { mib, percentile, round } from './lib/stats.mjs';

const LINKS = Number(process.env.LINKS ?? 10_000);
const REPLICAS = Number(process.env.REPLICAS ?? 1);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 20);
const LINKS_PER_HOLDER = Number(process.env.LINKS_PER_HOLDER ?? 10_000);
const OPEN_CONCURRENCY = 200;
const TARGET_RSS_BYTES = 1024 ** 3;
const here = path.dirname(fileURLToPath(import.meta.url));

const scratch = await createScratchDatabase();
const seeded = await seedApp(scratch.url);
const replicaEnv =
  REPLICAS > 1
    ? {
        REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
        PODIUM_REDIS_NAMESPACE: `bench-${randomBytes(4).toString('hex')}`,
        PODIUM_SESSION_SECRET: randomBytes(32).toString('hex'),
      }
    : {};
const controlPlanes = [];
const holders = [];

/** One answer of `holder` of the given type, after sending it `message`. */
const ask = (holder, message, type) =>
  new Promise((resolve, reject) => {
    const onMessage = (answer) => {
      if (answer.type !== type) return;
      holder.off('message', onMessage);
      holder.off('exit', onExit);
      resolve(answer);
    };
    const onExit = (code) => reject(new Error(`a link holder exited (${code})`));
    holder.on('message', onMessage);
    holder.once('exit', onExit);
    holder.send(message);
  });

try {
  for (let i = 0; i < REPLICAS; i++) {
    controlPlanes.push(
      await startControlPlane({
        DATABASE_URL: scratch.url,
        // One application holds every link: its limit is what the bench opens (MAX_LINKS_PER_APP
        // to try another; 0 turns it off), so each upgrade is checked as in production.
        PODIUM_EXECUTOR_MAX_LINKS_PER_APP: process.env.MAX_LINKS_PER_APP ?? String(LINKS),
        ...replicaEnv,
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 3000));
  const baselines = controlPlanes.map((cp) => rssBytes(cp.pid));
  const urls = controlPlanes.map(
    (cp) =>
      `${cp.url.replace('http', 'ws')}/conductor/v1alpha1/websocket/${seeded.app}/${seeded.apiKey}`,
  );

  const openStarted = performance.now();
  const opened = [];
  for (let from = 0; from < LINKS; from += LINKS_PER_HOLDER) {
    const holder = fork(path.join(here, 'lib/link-holder.mjs'));
    holders.push(holder);
    const to = Math.min(LINKS, from + LINKS_PER_HOLDER);
    // Holders open their shares one after another: the handshake figures stay comparable.
    opened.push(await ask(holder, { urls, from, to, concurrency: OPEN_CONCURRENCY }, 'opened'));
  }
  const openSeconds = (performance.now() - openStarted) / 1000;
  const handshakeMs = opened.flatMap((answer) => answer.handshakeMs).sort((a, b) => a - b);

  // Every executor recorded CONNECTED.
  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  for (let connected = 0; connected < LINKS; await new Promise((r) => setTimeout(r, 250))) {
    ({
      rows: [{ connected }],
    } = await db.query(
      `SELECT count(*)::int AS connected FROM executors WHERE status = 'CONNECTED'`,
    ));
  }
  await db.end();

  await new Promise((r) => setTimeout(r, 5000));
  const withLinks = controlPlanes.map((cp) => rssBytes(cp.pid));
  const idleCpu = await Promise.all(
    controlPlanes.map((cp) => cpuPercentOver(cp.pid, IDLE_SECONDS)),
  );
  let open = 0;
  for (const holder of holders) open += (await ask(holder, { type: 'count-open' }, 'open')).open;

  const perReplica = controlPlanes.map((_, i) => ({
    rssBaselineMiB: mib(baselines[i]),
    rssWithLinksMiB: mib(withLinks[i]),
    idleCpuPercent: round(idleCpu[i], 1),
  }));
  const linksPerReplica = LINKS / REPLICAS;
  const rssPerLinkKiB = round(
    withLinks.reduce((sum, rss, i) => sum + rss - baselines[i], 0) / LINKS / 1024,
    1,
  );
  const result = {
    links: LINKS,
    replicas: REPLICAS,
    stillOpenAfterIdle: open,
    perReplica,
    rssPerLinkKiB,
    idleWindowSeconds: IDLE_SECONDS,
    openSeconds: round(openSeconds, 1),
    handshakeP50Ms: round(percentile(handshakeMs, 50), 1),
    handshakeP99Ms: round(percentile(handshakeMs, 99), 1),
    targetMet: withLinks.every((rss) => rss < TARGET_RSS_BYTES) && open === LINKS,
  };
  console.log(JSON.stringify(result, null, 2));
  const rss = perReplica.map((r) => `${r.rssWithLinksMiB}`).join(' / ');
  console.log(
    `links: ${LINKS} held by ${REPLICAS} control plane${REPLICAS > 1 ? 's' : ''} ` +
      `(${linksPerReplica} each), RSS ${rss} MiB (${rssPerLinkKiB} KiB/link over ` +
      `${perReplica.map((r) => r.rssBaselineMiB).join(' / ')} MiB baselines), idle CPU ` +
      `${perReplica.map((r) => r.idleCpuPercent).join(' / ')}% — target <1 GiB each: ` +
      `${result.targetMet ? 'met' : 'NOT met'}`,
  );
} finally {
  for (const holder of holders) holder.kill();
  for (const cp of controlPlanes) await cp.stop();
  await scratch.drop();
}
