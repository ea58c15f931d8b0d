import { problemType } from '@podium/protocol/rest';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../testing/local-server';
import {
  CHECK_HEADER,
  CHECKED_HEADER,
  STREAM_CHECK_PARAM,
  type CheckedAnswer,
} from '../checked-answer';
import { forwardChecked } from './checked-forward';

let upstream: LocalServer | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

/** A stand-in control plane answering every request with `status`, `body` and `headers`. */
async function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  upstream = await startServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  });
  return upstream.url;
}

async function ask(upstreamUrl: string, check: string): Promise<[Response, CheckedAnswer]> {
  const request = new Request('http://console.test/api/v2/orgs/acme/permissions?limit=2', {
    headers: { [CHECK_HEADER]: check },
  });
  const response = await forwardChecked(request, { upstream: upstreamUrl, mountPath: '/api' });
  return [response, (await response.json()) as CheckedAnswer];
}

const list = JSON.stringify({ schema: 'ListPermissionsResponseSchema', list: true });

describe('the /api proxy asked to check an answer', () => {
  it('keeps the check to itself: the control plane never sees the check header', async () => {
    let seen: http.IncomingHttpHeaders = {};
    upstream = await startServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    const [, answer] = await ask(upstream.url, list);
    expect(answer).toMatchObject({ kind: 'value', value: [] });
    expect(seen).not.toHaveProperty(CHECK_HEADER);
  });

  it('answers with the parsed value and page meta, keeping the status and cookies', async () => {
    const url = await answering(200, ['metric.read'], {
      'X-Page-Limit': '2',
      'set-cookie': 'a=1; Path=/',
    });
    const [response, answer] = await ask(url, list);
    expect(response.status).toBe(200);
    expect(response.headers.get(CHECKED_HEADER)).toBe('200');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/']);
    expect(answer).toEqual({ kind: 'value', value: ['metric.read'], meta: { limit: 2 } });
  });

  it('says what is wrong with a body the protocol does not describe, naming the request', async () => {
    const [response, answer] = await ask(await answering(200, [{ id: 'x' }]), list);
    expect(response.status).toBe(200);
    expect(answer).toMatchObject({ kind: 'invalid' });
    const message = answer.kind === 'invalid' ? answer.message : '';
    expect(message).toContain(
      'GET /v2/orgs/acme/permissions?limit=2 answered 200 with an unexpected body',
    );
  });

  it('passes a problem on, and an error without one as a bare HTTP error', async () => {
    const problem = {
      type: problemType('NOT_FOUND'),
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
    };
    const [, stated] = await ask(await answering(404, problem), list);
    expect(stated).toEqual({ kind: 'problem', problem });
    await upstream?.close();
    const [response, bare] = await ask(await answering(502, '<html>bad gateway</html>'), list);
    expect(response.status).toBe(502);
    expect(bare).toEqual({ kind: 'http-error' });
  });

  it('sends the verdict on a 204 as a 200, naming the 204', async () => {
    upstream = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const [response, answer] = await ask(upstream.url, JSON.stringify({}));
    expect(response.status).toBe(200);
    expect(response.headers.get(CHECKED_HEADER)).toBe('204');
    expect(answer).toEqual({ kind: 'empty' });
  });

  it('answers a 502 problem when the answer breaks off mid-body', async () => {
    upstream = await startServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('["metric.', () => res.destroy());
    });
    const [response, problem] = await ask(upstream.url, list);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(problem).toMatchObject({ type: problemType('CONTROL_PLANE_UNREACHABLE') });
    expect((problem as unknown as { detail: string }).detail).toMatch(
      /^The control plane's answer to GET \/v2\/orgs\/acme\/permissions\?limit=2 was cut off/,
    );
  });

  it('refuses a check naming no schema of the protocol, before forwarding', async () => {
    const url = await answering(200, []);
    const request = new Request('http://console.test/api/v2/x', {
      headers: { [CHECK_HEADER]: JSON.stringify({ schema: 'LIST_HEADERS' }) },
    });
    const response = await forwardChecked(request, { upstream: url, mountPath: '/api' });
    expect(response.status).toBe(422);
    await expect(response.json()).resolves.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('the /api proxy asked to check a stream of events', () => {
  const at = '2026-12-05T04:00:00.000Z';
  const snapshot = { type: 'snapshot', at, executors: [] };

  it('sends on the events that parse, as parsed, drops the others, and keeps heartbeats', async () => {
    let seenUrl = '';
    upstream = await startServer((req, res) => {
      seenUrl = req.url ?? '';
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      res.write(`event: snapshot\ndata: ${JSON.stringify({ ...snapshot, extra: 1 })}\n\n`);
      res.write(': heartbeat\n\n');
      res.end('event: executor.renamed\ndata: {"type":"executor.renamed"}\n\n');
    });
    const request = new Request(
      `http://console.test/api/v2/orgs/acme/apps/shop/events?${STREAM_CHECK_PARAM}=LiveEventSchema`,
    );
    const response = await forwardChecked(request, { upstream: upstream.url, mountPath: '/api' });
    expect(seenUrl).toBe('/v2/orgs/acme/apps/shop/events');
    await expect(response.text()).resolves.toBe(
      `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n: heartbeat\n\n`,
    );
  });
});
