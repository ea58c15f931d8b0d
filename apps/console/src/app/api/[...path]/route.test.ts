import { problemType } from '@podium/protocol/rest';
import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readBody,
  reply,
  startServer,
  unusedUrl,
  type LocalServer,
} from '../../../testing/local-server';
import { DELETE, GET, PATCH, POST, PUT } from './route';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let upstream: LocalServer | undefined;
let seen: Seen[] = [];
const savedUrl = process.env.PODIUM_CONTROL_PLANE_URL;

beforeEach(() => {
  seen = [];
});
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
  process.env.PODIUM_CONTROL_PLANE_URL = savedUrl;
});

/** Starts the stand-in control plane and points the route at it (as the runtime env would). */
async function controlPlane(
  respond: http.RequestListener = reply(200, '{"ok":true}'),
): Promise<void> {
  upstream = await startServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      respond(req, res);
    });
  });
  process.env.PODIUM_CONTROL_PLANE_URL = upstream.url;
}

const consoleUrl = (path: string) => `http://console.test${path}`;

describe('the /api proxy route', () => {
  it('forwards each method with its path, query string and body', async () => {
    await controlPlane();
    const handlers = { POST, PUT, PATCH, DELETE };
    for (const [method, handler] of Object.entries(handlers)) {
      const response = await handler(
        new Request(consoleUrl('/api/workflows/wf-1/cancel?force=true&x=%20y'), {
          method,
          body: `{"by":"${method}"}`,
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(response.status).toBe(200);
    }
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual(
      ['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [
        m,
        '/workflows/wf-1/cancel?force=true&x=%20y',
        `{"by":"${m}"}`,
      ]),
    );
  });

  it('streams a request body through', async () => {
    await controlPlane();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('part one, '));
        controller.enqueue(encoder.encode('part two'));
        controller.close();
      },
    });
    const request = new Request(consoleUrl('/api/upload'), {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    await POST(request);
    expect(seen[0]?.body).toBe('part one, part two');
  });

  it('forwards cookies, authorization and content type, and drops hop-by-hop headers', async () => {
    await controlPlane();
    await GET(
      new Request(consoleUrl('/api/me'), {
        headers: {
          cookie: 'podium_session=abc; theme=dark',
          authorization: 'Bearer token-1',
          'content-type': 'application/json',
          'x-request-id': 'req-1',
          connection: 'keep-alive, x-secret-hop',
          'x-secret-hop': 'must not pass',
          'proxy-authorization': 'Basic xyz',
          te: 'trailers',
        },
      }),
    );
    const headers = seen[0]?.headers ?? {};
    expect(headers).toMatchObject({
      cookie: 'podium_session=abc; theme=dark',
      authorization: 'Bearer token-1',
      'content-type': 'application/json',
      'x-request-id': 'req-1',
      // So the control plane scopes its cookies to paths under the console's /api.
      'x-forwarded-prefix': '/api',
    });
    expect(headers.host).toBe(new URL(upstream?.url ?? '').host);
    for (const name of ['x-secret-hop', 'proxy-authorization', 'te']) {
      expect(headers[name]).toBeUndefined();
    }
  });

  it('keeps the vouched client address, even when the Connection header names it', async () => {
    await controlPlane();
    await GET(
      new Request(consoleUrl('/api/me'), {
        headers: { connection: 'keep-alive, X-Forwarded-For', 'x-forwarded-for': '203.0.113.7' },
      }),
    );
    expect(seen[0]?.headers['x-forwarded-for']).toBe('203.0.113.7');
  });

  it('forwards a body sent with Expect: 100-continue (its server has answered the expectation)', async () => {
    await controlPlane();
    const response = await POST(
      new Request(consoleUrl('/api/v2/import'), {
        method: 'POST',
        body: '{"big":true}',
        headers: { 'content-type': 'application/json', expect: '100-continue' },
      }),
    );
    expect(response.status).toBe(200);
    expect(seen[0]?.body).toBe('{"big":true}');
    expect(seen[0]?.headers.expect).toBeUndefined();
  });

  it('passes the status, headers and every set-cookie back unchanged', async () => {
    await controlPlane((_req, res) => {
      res.writeHead(409, {
        'content-type': 'application/problem+json',
        'x-request-id': 'up-1',
        'set-cookie': ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
        'keep-alive': 'timeout=5',
      });
      res.end('{"code":"CONFLICT"}');
    });
    const response = await GET(new Request(consoleUrl('/api/thing')));
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('up-1');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(response.headers.get('keep-alive')).toBeNull();
    await expect(response.text()).resolves.toBe('{"code":"CONFLICT"}');
  });

  it("passes a list's page headers through (X-Total-Count, X-Next-Offset, Link)", async () => {
    const page = {
      'x-total-count': '7',
      'x-next-offset': '5',
      link: '</v2/orgs/acme/apps?offset=5&limit=5>; rel="next"',
      'x-podium-last-known-at': '2026-12-04T23:00:00.000Z',
    };
    await controlPlane((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...page });
      res.end('[]');
    });
    const response = await GET(new Request(consoleUrl('/api/v2/orgs/acme/apps?limit=5')));
    for (const [name, value] of Object.entries(page)) {
      expect(response.headers.get(name)).toBe(value);
    }
  });

  it('passes server-sent events through as they are written, unbuffered', async () => {
    let finish: () => void = () => undefined;
    await controlPlane((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('data: first\n\n');
      finish = () => res.end('data: last\n\n');
    });
    const response = await GET(new Request(consoleUrl('/api/events')));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // The upstream has not ended: this chunk can only arrive if nothing buffers.
    await expect(reader.read()).resolves.toEqual({ done: false, value: 'data: first\n\n' });
    finish();
    await expect(reader.read()).resolves.toEqual({ done: false, value: 'data: last\n\n' });
    await expect(reader.read()).resolves.toMatchObject({ done: true });
  });

  it('keeps a path that looks like another host on the control plane', async () => {
    await controlPlane();
    const response = await GET(new Request(consoleUrl('/api//evil.example/steal')));
    expect(response.status).toBe(200);
    expect(seen[0]?.url).toBe('//evil.example/steal');
  });

  it('answers 502 problem details when the control plane is down', async () => {
    process.env.PODIUM_CONTROL_PLANE_URL = await unusedUrl();
    const response = await GET(new Request(consoleUrl('/api/healthz')));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    await expect(response.json()).resolves.toEqual({
      type: problemType('CONTROL_PLANE_UNREACHABLE'),
      title: 'The control plane cannot be reached',
      status: 502,
      detail:
        'The console could not connect to the control plane (ECONNREFUSED). ' +
        'Check that it is running and that PODIUM_CONTROL_PLANE_URL points at it.',
      code: 'CONTROL_PLANE_UNREACHABLE',
    });
  });

  it('reads the control plane URL at request time', async () => {
    await controlPlane(reply(200, '"first"'));
    const first = upstream;
    await expect((await GET(new Request(consoleUrl('/api/x')))).json()).resolves.toBe('first');
    upstream = await startServer(reply(200, '"second"'));
    process.env.PODIUM_CONTROL_PLANE_URL = upstream.url;
    await expect((await GET(new Request(consoleUrl('/api/x')))).json()).resolves.toBe('second');
    await first?.close();
  });
});
