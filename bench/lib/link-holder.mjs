// A child process of executor-links.mjs holding its share of executor links (a process may
// hold only so many sockets: `ulimit -n`). Told over IPC which URLs and which executor numbers,
// it opens the links `concurrency` at a time, each answering `executor_info` like a DBOS
// executor (pings are answered by the ws library), reports every handshake's duration, and
// keeps them open until told to close them.
import WebSocket from 'ws';

const sockets = [];

function openOne(url, i) {
  return new Promise((resolve, reject) => {
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
      resolve(performance.now() - started);
    });
    ws.once('error', reject);
    sockets.push(ws);
  });
}

process.on('message', async (message) => {
  if (message.type === 'close') {
    for (const ws of sockets) ws.terminate();
    process.send({ type: 'closed' });
    return;
  }
  if (message.type === 'count-open') {
    const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    process.send({ type: 'open', open });
    return;
  }
  const { urls, from, to, concurrency } = message;
  const handshakeMs = [];
  for (let next = from; next < to;) {
    const wave = [];
    for (let j = 0; j < concurrency && next < to; j++, next++) {
      wave.push(openOne(urls[next % urls.length], next));
    }
    handshakeMs.push(...(await Promise.all(wave)));
  }
  process.send({ type: 'opened', handshakeMs });
});
