import { randomBytes } from 'node:crypto';
import { ProblemDetailsSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { connectExecutor } from './fake-executor';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/** Shaped like a real key, unique per URL so a leak points at its URL. */
const fakeKey = () => `pdm_${randomBytes(4).toString('hex')}_${randomBytes(16).toString('hex')}`;

/** Executor URLs that miss the exact shape but still carry the key (found by a security run). */
const NEAR_MISSES: ReadonlyArray<(app: string, key: string) => string> = [
  (app, key) => `/conductor/v1alpha1/websocket//${app}/${key}`,
  (app, key) => `/conductor/v1alpha1/websocket/${app}//${key}`,
  (app, key) => `/conductor/v1alpha1/WEBSOCKET/${app}/${key}`,
  (app, key) => `/conductor/v1alpha1/websocket%2F${app}%2F${key}`,
  (_app, key) => `/conductor/v1alpha1/websocket/${key}`,
  (app, key) => `/conductor/v1alpha1/websocket/${app}/${key}?retry=1`,
];

describe('executor keys in URLs stay out of logs and responses (PGlite)', () => {
  let server: RunningControlPlane;
  let appName: string;

  beforeAll(async () => {
    server = await startTestControlPlane({ kind: 'pglite', dataDir: 'memory://' });
    const f = factories(server.app);
    const org = await f.newOrg();
    appName = (await f.newApp(org.id)).name;
  });
  afterAll(() => server?.close());

  it.each(NEAR_MISSES.map((url) => [url(':app', ':key'), url]))(
    'a plain HTTP request to %s: neither its log line nor its problem holds the key',
    async (_shape, url) => {
      const key = fakeKey();
      const res = await fetch(`${server.url}${url(appName, key)}`);
      const requestId = res.headers.get('x-request-id') ?? '';
      const problem = ProblemDetailsSchema.parse(await res.json());
      expect(JSON.stringify(problem)).not.toContain(key);
      expect(problem.instance).toContain('[REDACTED]');

      const line = await waitUntil(
        () => server.logs.find((l) => l.includes(requestId) && l.includes('http request')),
        10_000,
        'the request log line',
      );
      expect(line).toContain('[REDACTED]');
      expect(server.logs.join('')).not.toContain(key);
    },
  );

  it.each(NEAR_MISSES.map((url) => [url(':app', ':key'), url]))(
    'a WebSocket upgrade to %s is refused, and no log line holds the key',
    async (_shape, url) => {
      const key = fakeKey();
      const result = await connectExecutor(
        `${server.url.replace('http', 'ws')}${url(appName, key)}`,
      );
      expect(result).toHaveProperty('refused');
      if ('body' in result) expect(result.body).not.toContain(key);
      expect(server.logs.join('')).not.toContain(key);
    },
  );

  it('logs a refused executor with its application but not its key', async () => {
    const key = fakeKey();
    const result = await connectExecutor(`${server.conductorUrl}/websocket/${appName}/${key}`);
    expect(result).toMatchObject({ refused: 401 });
    const line = await waitUntil(
      () => server.logs.find((l) => l.includes('executor refused') && l.includes(appName)),
      10_000,
      'the refusal log line',
    );
    expect(line).toContain('[REDACTED]');
    expect(server.logs.join('')).not.toContain(key);
  });
});
