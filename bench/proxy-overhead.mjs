#!/usr/bin/env node
// What the control plane adds to a command. The same simulated executor (its
// own process) answers get_workflow (a) directly over a bare WebSocket from this
// process and (b) through the control plane: HTTP GET .../workflows/{id} with an
// API key → command proxy → executor link → back. Open-loop at RATE commands/s
// (default 1,000), phases alternated direct/proxied twice; p50/p99 of both and
// the difference. Target: p99 overhead under 5 ms.
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@podium/db/testing';
import { WebSocketServer } from 'ws';
import { freePort, startControlPlane } from './lib/control-plane.mjs';
import { directClient, proxiedClient, summarize, whenAnswering } from './lib/command-clients.mjs';
import { runOpenLoop } from './lib/open-loop.mjs';
import { seedApp } from './lib/seed.mjs';
import { round } from './lib/stats.mjs';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 8);
const here = path.dirname(fileURLToPath(import.meta.url));

const scratch = await createScratchDatabase();
const seeded = await seedApp(scratch.url, ['websocket.connect', 'application.read', 'metric.read']);
const controlPlane = await startControlPlane({ DATABASE_URL: scratch.url });
const directPort = await freePort();
const direct = new WebSocketServer({
  host: '127.0.0.1',
  port: directPort,
  perMessageDeflate: false,
});
const executorLink = new Promise((resolve) => direct.once('connection', resolve));
const executor = fork(
  path.join(here, 'lib/simulated-executor.mjs'),
  [
    `${controlPlane.url.replace('http', 'ws')}/conductor/v1alpha1/websocket/${seeded.app}/${seeded.apiKey}`,
    `ws://127.0.0.1:${directPort}`,
  ],
  { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);

try {
  const sendDirect = directClient(await executorLink);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const sendProxied = proxiedClient(controlPlane.url, seeded, agent);

  // Wait until the control plane has the executor's link, then warm both paths up.
  await whenAnswering(sendProxied);
  await runOpenLoop({ rate: RATE, seconds: 2, send: sendDirect });
  await runOpenLoop({ rate: RATE, seconds: 2, send: sendProxied });

  const runs = { direct: [], proxied: [] };
  for (const phase of ['direct', 'proxied', 'direct', 'proxied']) {
    runs[phase].push(
      await runOpenLoop({
        rate: RATE,
        seconds: SECONDS,
        send: phase === 'direct' ? sendDirect : sendProxied,
      }),
    );
  }
  const result = {
    rate: RATE,
    secondsPerPhase: SECONDS,
    direct: summarize(runs.direct),
    proxied: summarize(runs.proxied),
  };
  result.overheadP50Ms = round(result.proxied.p50Ms - result.direct.p50Ms, 2);
  result.overheadP99Ms = round(result.proxied.p99Ms - result.direct.p99Ms, 2);
  result.targetMet = result.overheadP99Ms < 5 && result.proxied.errors === 0;
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `proxy: get_workflow at ${RATE}/s — direct p50 ${result.direct.p50Ms} / p99 ${result.direct.p99Ms} ms, ` +
      `through the control plane p50 ${result.proxied.p50Ms} / p99 ${result.proxied.p99Ms} ms; ` +
      `overhead p50 ${result.overheadP50Ms} / p99 ${result.overheadP99Ms} ms — target p99 <5 ms: ${result.targetMet ? 'met' : 'NOT met'}`,
  );
  agent.destroy();
} finally {
  executor.kill();
  direct.close();
  await controlPlane.stop();
  await scratch.drop();
}
