#!/usr/bin/env node
// @ts-check
// The console's HTTP server: the built Next.js app behind a refusal of undecodable paths
// (undecodable-url.mjs) and one fix-up of the request (forwarded-for.mjs), and executors'
// WebSocket upgrades forwarded to the control plane (executor-upgrade-forwarder.mjs), so the
// console can be the one public entry.
// Usage, like `next start`: node server/main.mjs [-H host] [-p port]
// (defaults: HOST or 127.0.0.1, PORT or 3000; every variable it reads is in env.mjs).
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { readServerEnv } from './env.mjs';
import { createExecutorUpgradeForwarder } from './executor-upgrade-forwarder.mjs';
import { compileTrust, vouchForClient } from './forwarded-for.mjs';
import { refuseUndecodableUrl } from './undecodable-url.mjs';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } },
});
const env = readServerEnv();
const hostname = values.hostname ?? env.HOST;
const port = values.port === undefined ? env.PORT : Number(values.port);
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const trust = compileTrust(env.PODIUM_CONSOLE_TRUST_PROXY);

const app = next({ dir, hostname, port, dev: false });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer((req, res) => {
  if (refuseUndecodableUrl(req, res)) return;
  vouchForClient(req, trust);
  handle(req, res).catch((error) => {
    console.error('request failed', error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
const executorLinks = createExecutorUpgradeForwarder({
  controlPlaneUrl: env.PODIUM_CONTROL_PLANE_URL,
  executorBasePath: env.PODIUM_EXECUTOR_BASE_PATH,
  trust,
  onError: (message, detail) => console.error(message, detail),
});
// Next adds an upgrade listener of its own after the first request; it leaves alone the paths
// it has no route for, which include the executor path.
server.on('upgrade', executorLinks.handleUpgrade);
server.listen(port, hostname, () => console.log(`console listening on http://${hostname}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    executorLinks.closeAll(); // executors reconnect, to whichever console answers
  });
}
