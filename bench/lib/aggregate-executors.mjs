#!/usr/bin/env node
// Simulated DBOS executors in one child process, one link per URL given over IPC, each
// answering executor_info and the aggregate requests `/v1/metrics` is computed from
// (get_workflow_aggregates, get_step_aggregates) with a fixed workload: NAMES workflow names
// on two queues, every status present. Reports `ready` once every link answered executor_info.
import WebSocket from 'ws';

const NAMES = ['checkout', 'refund', 'invoice', 'ship', 'notify'];
const STATUSES = ['SUCCESS', 'ERROR', 'CANCELLED', 'ENQUEUED', 'PENDING'];
const now = Date.now();

function groupsFor(body, keys) {
  const rows = [];
  for (const name of NAMES) {
    for (const queue of ['default', 'bulk']) {
      for (const status of STATUSES) {
        const group = {};
        if (body[keys.name]) group[keys.nameKey] = name;
        if (body.group_by_queue_name) group.queue_name = queue;
        if (body.group_by_status) group.status = status;
        rows.push(group);
      }
    }
  }
  const seen = new Set();
  return rows.filter((g) => {
    const key = JSON.stringify(g);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function answer(request, executorId) {
  switch (request.type) {
    case 'executor_info':
      return {
        executor_id: executorId,
        application_version: 'v1',
        hostname: 'bench',
        language: 'typescript',
        dbos_version: '5.2.11',
      };
    case 'get_workflow_aggregates':
      // Every workflow here was created in the last minute: none before an older end.
      if (request.body?.end_time && Date.parse(request.body.end_time) < now - 60_000) {
        return { output: [] };
      }
      return {
        output: groupsFor(request.body ?? {}, { name: 'group_by_name', nameKey: 'name' }).map(
          (group) => ({
            group,
            count: 7,
            min_created_at: now - 60_000,
            max_queue_wait_ms: 120,
            max_total_latency_ms: 900,
          }),
        ),
      };
    case 'get_step_aggregates':
      return {
        output: groupsFor(request.body ?? {}, {
          name: 'group_by_function_name',
          nameKey: 'function_name',
        }).map((group) => ({ group, count: 11, max_duration_ms: 40 })),
      };
    default:
      return { error_message: 'Unknown message type' };
  }
}

function open(url, i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const executorId = `bench-executor-${i}`;
    ws.on('message', (data) => {
      const request = JSON.parse(data.toString());
      ws.send(
        JSON.stringify({
          type: request.type,
          request_id: request.request_id,
          ...answer(request, executorId),
        }),
      );
      if (request.type === 'executor_info') resolve(ws);
    });
    ws.once('error', reject);
  });
}

process.on('message', async ({ urls }) => {
  for (let i = 0; i < urls.length; i += 50) {
    await Promise.all(urls.slice(i, i + 50).map((url, j) => open(url, i + j)));
  }
  process.send({ type: 'ready' });
});
process.on('disconnect', () => process.exit(0));
