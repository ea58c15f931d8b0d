import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, type WebhookPost, WebhookPostError } from './webhook-post';

describe('postWebhook (a real HTTP receiver on this machine)', () => {
  const received: { path: string; body: string; delivery: string }[] = [];
  let server: http.Server;
  let base = '';
  /** Requests to /hang get no answer: the POST's timeout must end them. */
  const hanging = new Set<http.ServerResponse>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          delivery: String(req.headers['podium-delivery']),
        });
        if (req.url === '/hang') hanging.add(res);
        else res.writeHead(req.url === '/moved' ? 302 : 204, { location: '/elsewhere' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (path: string, options: Partial<WebhookPost> = {}) =>
    postWebhook({
      url: `${base}${path}`,
      headers: { 'content-type': 'application/json', 'podium-delivery': path },
      body: '{"alert":true}',
      timeoutMs: 5_000,
      allowPrivate: true,
      ...options,
    });

  it('posts the body with its headers and answers the status, without following redirects', async () => {
    await expect(post('/ok')).resolves.toBe(204);
    await expect(post('/moved')).resolves.toBe(302);
    expect(received.map(({ path }) => path)).toEqual(['/ok', '/moved']);
    expect(received[0]).toEqual({ path: '/ok', body: '{"alert":true}', delivery: '/ok' });
  });

  it('refuses a private target unless allowed, without connecting', async () => {
    received.length = 0;
    await expect(post('/private', { allowPrivate: false })).rejects.toThrow(
      /^refused: 127\.0\.0\.1 is a private, loopback or link-local address$/,
    );
    const port = (server.address() as AddressInfo).port;
    await expect(
      postWebhook({
        url: `http://localhost:${port}/by-name`,
        headers: {},
        body: '{}',
        timeoutMs: 5_000,
        allowPrivate: false,
      }),
    ).rejects.toThrow(/^refused: localhost is a private/);
    expect(received).toEqual([]);
    // A refusal is final: the sender makes no other attempt.
    const refusal = await post('/private', { allowPrivate: false }).catch((e: unknown) => e);
    expect(refusal instanceof WebhookPostError && refusal.refused).toBe(true);
  });

  it('ends an attempt the receiver does not answer at its timeout', async () => {
    await expect(post('/hang', { timeoutMs: 300 })).rejects.toThrow(/^timed out$/);
  });

  it('reports a refused connection by its code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      postWebhook({
        url: `http://127.0.0.1:${port}/`,
        headers: {},
        body: '{}',
        timeoutMs: 5_000,
        allowPrivate: true,
      }),
    ).rejects.toThrow(expect.objectContaining({ message: 'ECONNREFUSED', refused: false }));
  });
});
