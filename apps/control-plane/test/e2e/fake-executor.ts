import type { IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';

export interface FakeExecutorInfo {
  executor_id: string;
  application_version: string;
  hostname?: string;
  language?: string;
  dbos_version?: string;
  executor_metadata?: Record<string, unknown>;
}

/**
 * Opens a link like a DBOS executor, answering executor_info from the first byte
 * (the server's request can arrive in the same read as the 101 response).
 * Resolves with the refusal status, body and headers if the upgrade is refused.
 */
export function connectExecutor(
  url: string,
  info?: FakeExecutorInfo,
  /** Of the upgrade request (e.g. X-Forwarded-For, to play a client behind a proxy). */
  headers?: Record<string, string>,
): Promise<{ ws: WebSocket } | { refused: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    if (info) answerExecutorInfo(ws, info);
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ refused: res.statusCode ?? 0, body, headers: res.headers }));
    });
    ws.once('error', reject);
  });
}

/** Answers executor_info (and nothing else) as a DBOS TS executor would. */
function answerExecutorInfo(ws: WebSocket, info: FakeExecutorInfo): void {
  ws.on('message', (data: Buffer) => {
    const request = JSON.parse(data.toString()) as { type: string; request_id: string };
    if (request.type !== 'executor_info') return;
    ws.send(
      JSON.stringify({
        type: 'executor_info',
        request_id: request.request_id,
        hostname: 'test-host',
        language: 'typescript',
        dbos_version: '5.2.11',
        ...info,
      }),
    );
  });
}

export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}
