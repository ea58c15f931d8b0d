import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_LARGE_BODIES_AT_ONCE } from '../../src/common/http/large-body-slots';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';
import { TestBrowser, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

/** The head of what the server answers, as soon as it answers (no body is ever sent). */
function answerToHeadersOnly(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

/**
 * A route that takes an executor-sized body (workflow import, up to the frame limit) reads it
 * only for a caller: guards run after the body is read, so the caller is checked first, before
 * a byte of it arrives.
 */
describe('large bodies are read only for callers', () => {
  const stack = usePostgresControlPlane({ executors: { maxFrameBytes: 8 * 1024 * 1024 } });
  let base: string;
  let key: string;

  beforeAll(async () => {
    const f = factories(stack.server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
  });

  const importHead = (headers: string) =>
    `POST ${base}/workflows/import HTTP/1.1\r\nHost: podium\r\n` +
    `Content-Type: application/json\r\nContent-Length: 4000000\r\n${headers}\r\n`;

  it('refuses an anonymous import before its body, as a problem', async () => {
    // Announced as 4 MB (within the route's limit) and never sent: an answer can only come before the body is read.
    const answer = await answerToHeadersOnly(stack.server.url, importHead(''));
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
  });

  it('refuses an unknown key and a forged session cookie the same way', async () => {
    const withKey = await answerToHeadersOnly(
      stack.server.url,
      importHead('Authorization: Bearer not-a-key\r\n'),
    );
    expect(withKey).toMatch(/^HTTP\/1\.1 401 /);
    const withCookie = await answerToHeadersOnly(
      stack.server.url,
      importHead('Cookie: podium_access=forged\r\nX-CSRF-Token: forged\r\n'),
    );
    expect(withCookie).toMatch(/^HTTP\/1\.1 401 /);
  });

  /** An import of 2 MiB (over Fastify's 1 MiB default) by the key's holder. */
  const importLarge = () =>
    fetch(`${stack.server.url}${base}/workflows/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serializedWorkflow: 'x'.repeat(2 * 1024 * 1024) }),
    });

  it("reads a caller's body as before", async () => {
    const res = await importLarge();
    // Past authentication, and the body read and judged: not an export.
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('reads only so many large bodies at once, and takes more once one has gone', async () => {
    // Callers that announce a large body and send none hold every slot...
    const holders = Array.from({ length: MAX_LARGE_BODIES_AT_ONCE }, () => {
      const { hostname, port } = new URL(stack.server.url);
      const socket = net.connect(Number(port), hostname);
      socket.write(importHead(`Authorization: Bearer ${key}\r\n`));
      return socket;
    });
    // ...so another large import is refused, to come back shortly.
    let refused: Response | undefined;
    await waitUntil(
      async () => {
        const res = await importLarge();
        if (res.status === 429) refused = res;
        else await res.arrayBuffer();
        return refused !== undefined;
      },
      undefined,
      'all slots held',
    );
    expect(refused?.headers.get('retry-after')).toBe('1');
    expect(((await refused?.json()) as { code: string }).code).toBe('RATE_LIMITED');
    // One holder leaves: its slot comes back.
    holders.pop()?.destroy();
    await waitUntil(
      async () => {
        const res = await importLarge();
        await res.arrayBuffer();
        return res.status === 422;
      },
      undefined,
      'a slot free',
    );
    for (const holder of holders) holder.destroy();
  });

  it('reads a signed-in user’s body as before', async () => {
    const browser = new TestBrowser(stack.server.url);
    await signUpAndIn(browser);
    const res = await browser.post(`${base}/workflows/import`, { serializedWorkflow: 'x' });
    // Authenticated, but not a member of the organization: not found, after the body.
    expect(res.status).toBe(404);
  });
});
