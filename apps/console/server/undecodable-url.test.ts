import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { refuseUndecodableUrl } from './undecodable-url.mjs';

function exchange(url: string) {
  const sent: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      sent.status = status;
      sent.headers = headers;
    },
    end(body: string) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  const refused = refuseUndecodableUrl({ url } as IncomingMessage, res);
  return { refused, sent };
}

describe('refuseUndecodableUrl', () => {
  it('answers a path that does not percent-decode with a 400 problem that does not echo it', () => {
    for (const url of ['/api/v2/orgs/%E0%A4%A', '/api/v2/orgs/%ED%A0%80', '/%zz?x=1']) {
      const { refused, sent } = exchange(url);
      expect(refused).toBe(true);
      expect(sent.status).toBe(400);
      expect(sent.headers?.['Content-Type']).toBe('application/problem+json');
      expect(JSON.parse(sent.body ?? '')).toMatchObject({ code: 'MALFORMED_REQUEST', status: 400 });
      expect(sent.body).not.toContain('%E0');
    }
  });

  it('lets every decodable path through, whatever its query string', () => {
    for (const url of ['/', '/api/v2/orgs/acme%20co', '/x?bad=%zz']) {
      expect(exchange(url).refused).toBe(false);
    }
  });
});
