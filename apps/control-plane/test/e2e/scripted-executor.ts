import WebSocket from 'ws';
import type { Script } from '../support/link-harness';

export interface ScriptedLink {
  readonly ws: WebSocket;
  /** Every request after executor_info, as received (full frames). */
  readonly requests: Array<{ type: string } & Record<string, unknown>>;
  /** Closes the link: with no status code (as a crash-like close reads), or with `code`. */
  close(code?: number): Promise<void>;
}

/**
 * An executor on a real link through the gateway: answers executor_info like DBOS TS 5.2.11,
 * everything else as `script` says (answer, stay silent, or hang up).
 */
export function connectScriptedExecutor(
  url: string,
  info: {
    executor_id: string;
    application_version: string;
    /** `typescript` (and `dbos_version` 5.2.11) unless said. */
    language?: string;
    dbos_version?: string;
  },
  script: Script,
): Promise<ScriptedLink> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const requests: ScriptedLink['requests'] = [];
    ws.on('message', (data: Buffer) => {
      const request = JSON.parse(data.toString()) as { type: string; request_id: string };
      const reply = (body: Record<string, unknown>) =>
        ws.send(JSON.stringify({ type: request.type, request_id: request.request_id, ...body }));
      if (request.type === 'executor_info') {
        return reply({
          hostname: 'scripted',
          language: 'typescript',
          dbos_version: '5.2.11',
          ...info,
        });
      }
      requests.push(request);
      void Promise.resolve(script(request)).then((answer) => {
        if (answer === 'silent') return;
        if (answer === 'hang-up') return ws.terminate();
        reply(answer);
      });
    });
    ws.once('open', () =>
      resolve({
        ws,
        requests,
        close: (code?: number) =>
          new Promise<void>((done) => {
            if (ws.readyState === WebSocket.CLOSED) return done();
            ws.once('close', () => done());
            ws.close(code);
          }),
      }),
    );
    ws.once('error', reject);
  });
}
