#!/usr/bin/env node
// How many executor links one control-plane process holds, and at what cost.
// Opens LINKS (default 10,000) real WebSocket links that behave like DBOS
// executors (answer executor_info; pings are answered by the ws library), waits
// until the control plane has recorded every one, then measures the control
// plane's RSS and its CPU while idle. Target: 10,000 links under 1 GiB RSS.
import { createScratchDatabase } from '@podium/db/testing';
import WebSocket from 'ws';
import pg from 'pg';
import { cpuPercentOver, rssBytes, startControlPlane } from './lib/control-plane.mjs';
import { seedApp } from './lib/seed.mjs';
import { mib, percentile, round } from './lib/stats.mjs';

const LINKS = Number(process.env.LINKS ?? 10_000);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 20);
const OPEN_CONCURRENCY = 200;

const scratch = await createScratchDatabase();
const seeded = await seedApp(scratch.url);
const controlPlane = await startControlPlane({ DATABASE_URL: scratch.url });
const sockets = [];
try {
  await new Promise((r) => setTimeout(r, 3000));
  const baseline = rssBytes(controlPlane.pid);
  const url = `${controlPlane.url.replace('http', 'ws')}/conductor/v1alpha1/websocket/${seeded.app}/${seeded.apiKey}`;

  const handshakeMs = [];
  const openOne = (i) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.on('message', (data) => {
        const request = JSON.parse(data.toString());
        if (request.type !== 'executor_info') return;
        ws.send(
          JSON.stringify({
            type: 'executor_info',
            request_id: request.request_id,
            executor_id: `bench-executor-${i}`,
            application_version: 'v1',
            hostname: 'bench',
            language: 'typescript',
            dbos_version: '5.2.11',
          }),
        );
        handshakeMs.push(performance.now() - started);
        resolve();
      });
      ws.once('error', reject);
      sockets.push(ws);
    });

  const openStarted = performance.now();
  for (let next = 0; next < LINKS;) {
    const wave = [];
    for (let j = 0; j < OPEN_CONCURRENCY && next < LINKS; j++) wave.push(openOne(next++));
    await Promise.all(wave);
  }
  const openSeconds = (performance.now() - openStarted) / 1000;

  // Every executor recorded CONNECTED by the control plane.
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
  const withLinks = rssBytes(controlPlane.pid);
  const idleCpu = await cpuPercentOver(controlPlane.pid, IDLE_SECONDS);
  const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  handshakeMs.sort((a, b) => a - b);

  const result = {
    links: LINKS,
    stillOpenAfterIdle: open,
    rssBaselineMiB: mib(baseline),
    rssWithLinksMiB: mib(withLinks),
    rssPerLinkKiB: round((withLinks - baseline) / LINKS / 1024, 1),
    idleCpuPercent: round(idleCpu, 1),
    idleWindowSeconds: IDLE_SECONDS,
    openSeconds: round(openSeconds, 1),
    handshakeP50Ms: round(percentile(handshakeMs, 50), 1),
    handshakeP99Ms: round(percentile(handshakeMs, 99), 1),
    targetMet: withLinks < 1024 ** 3 && open === LINKS,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `links: ${LINKS} held, control plane RSS ${result.rssWithLinksMiB} MiB ` +
      `(${result.rssPerLinkKiB} KiB/link over a ${result.rssBaselineMiB} MiB baseline), ` +
      `idle CPU ${result.idleCpuPercent}% — target <1 GiB: ${result.targetMet ? 'met' : 'NOT met'}`,
  );
} finally {
  for (const ws of sockets) ws.terminate();
  await controlPlane.stop();
  await scratch.drop();
}
