// The two ways a benchmark sends get_workflow to the simulated executor: straight over a
// WebSocket it accepted (direct), or as an HTTP request to a control plane (proxied), and
// how a phase's latencies are summarized.
import http from 'node:http';
import { percentile, round } from './stats.mjs';

/** Sends get_workflow over the executor's own socket (`socket`: the server end). */
export function directClient(socket) {
  const pending = new Map();
  socket.on('message', (data) => {
    const response = JSON.parse(data.toString());
    pending.get(response.request_id)?.(response);
    pending.delete(response.request_id);
  });
  let nextId = 0;
  return (i) =>
    new Promise((resolve) => {
      const requestId = `r${nextId++}`;
      pending.set(requestId, resolve);
      socket.send(
        JSON.stringify({ type: 'get_workflow', request_id: requestId, workflow_id: `wf-${i}` }),
      );
    });
}

/** GET .../workflows/wf-<i> on the control plane at `url`, with the seeded API key. */
export function proxiedClient(url, seeded, agent) {
  const base = `${url}/v2/orgs/${seeded.org}/apps/${seeded.app}/workflows/`;
  return (i) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        `${base}wf-${i}`,
        { agent, headers: { authorization: `Bearer ${seeded.apiKey}` } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () =>
            res.statusCode === 200 && body.includes(`wf-${i}`)
              ? resolve()
              : reject(new Error(`${res.statusCode} ${body}`)),
          );
        },
      );
      req.on('error', reject);
    });
}

/** Resolves once `send` succeeds (the control plane has the executor), polling. */
export async function whenAnswering(send) {
  for (;;) {
    const ok = await send(0).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** p50/p90/p99/max and counts over several open-loop runs of one phase. */
export function summarize(results) {
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    requests: results.reduce((n, r) => n + r.sent, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    achievedRate: round(results.reduce((n, r) => n + r.achievedRate, 0) / results.length, 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p90Ms: round(percentile(latencies, 90), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies.at(-1), 2),
  };
}
