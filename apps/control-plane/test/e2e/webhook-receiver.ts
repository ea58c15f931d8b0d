import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  /** The `Podium-Signature` header ('' when absent). */
  readonly signature: string;
  readonly body: string;
  /** The status it was answered with. */
  readonly answered: number;
}

/**
 * A real HTTP server standing in for a webhook endpoint: it keeps every request and answers
 * 200, except (with `refuseFirstOn`) a 500 to the first request on that path.
 */
export async function startWebhookReceiver(options: { refuseFirstOn?: string } = {}) {
  const received: ReceivedWebhook[] = [];
  let refused = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const refuse = !refused && req.url === options.refuseFirstOn;
      refused ||= refuse;
      const answered = refuse ? 500 : 200;
      received.push({
        path: req.url ?? '',
        signature: String(req.headers['podium-signature'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
