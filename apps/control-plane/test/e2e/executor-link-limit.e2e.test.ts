import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { scrape } from './prometheus-scrape';
import { type ReplicaSet, startReplicas } from './replicas';
import { type RunningControlPlane, usePostgresControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

const LIMIT = 3;

type Attempt = Awaited<ReturnType<typeof connectExecutor>>;

function linkTo(server: RunningControlPlane, appName: string, key: string): Promise<Attempt> {
  return connectExecutor(`${server.conductorUrl}/websocket/${appName}/${key}`, {
    executor_id: `exec-${randomUUID()}`,
    application_version: 'v1',
  });
}

const sockets = (attempts: Attempt[]) =>
  attempts.flatMap((attempt) => ('ws' in attempt ? [attempt.ws] : []));
const refusals = (attempts: Attempt[]) =>
  attempts.flatMap((attempt) => ('refused' in attempt ? [attempt] : []));

/** Every socket closed and its close seen, so the next test starts from no links. */
async function closeAll(links: WebSocket[]): Promise<void> {
  await Promise.all(
    links.map((ws) => {
      const done = closed(ws);
      ws.close();
      return done;
    }),
  );
}

describe('executor links per application (PODIUM_EXECUTOR_MAX_LINKS_PER_APP), PostgreSQL', () => {
  const stack = usePostgresControlPlane({ executors: { maxLinksPerApp: LIMIT } });

  it('admits the limit of simultaneous upgrades, refuses the rest with 429 and Retry-After, and counts them', async () => {
    const { server } = stack;
    const f = factories(server.app);
    const org = await f.newOrg();
    const [app, neighbour] = [await f.newApp(org.id), await f.newApp(org.id)];
    const { secret } = await f.newApiKey(org.id);

    const attempts = await Promise.all(
      Array.from({ length: LIMIT + 2 }, () => linkTo(server, app.name, secret)),
    );
    expect(sockets(attempts)).toHaveLength(LIMIT);
    const refused = refusals(attempts);
    expect(refused.map((r) => r.refused)).toEqual([429, 429]);
    for (const refusal of refused) {
      expect(refusal.headers['retry-after']).toBe('1');
      expect(JSON.parse(refusal.body)).toMatchObject({
        status: 429,
        code: 'EXECUTOR_LIMIT_REACHED',
        detail: expect.stringContaining(`${LIMIT} executors connected`) as string,
      });
    }
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(
      () => registry.forApplication(app.id).length === LIMIT,
      DEFAULT_WAIT_TIMEOUT_MS,
      'the admitted executors linked',
    );
    const metrics = await scrape(`${server.url}/metrics`);
    expect(metrics.value('podium_refusals_total', { reason: 'executor_limit_reached' })).toBe(2);

    // Another application of the same organization has a limit of its own.
    const elsewhere = await linkTo(server, neighbour.name, secret);
    expect(elsewhere).toHaveProperty('ws');

    // A link that goes frees its place: a retrying executor gets it (as refused ones retry).
    const [leaving, ...staying] = sockets(attempts);
    await closeAll([leaving!]);
    const next = await waitUntil(
      async () => {
        const attempt = await linkTo(server, app.name, secret);
        return 'ws' in attempt ? attempt.ws : undefined;
      },
      DEFAULT_WAIT_TIMEOUT_MS,
      'a place freed',
    );
    await expect(linkTo(server, app.name, secret)).resolves.toMatchObject({ refused: 429 });
    await closeAll([...staying, next, ...sockets([elsewhere])]);
  });
});

describe('executor links per application across replicas', () => {
  let set: ReplicaSet;

  beforeAll(async () => {
    set = await startReplicas(2, { executors: { maxLinksPerApp: LIMIT } });
  });
  afterAll(async () => {
    await set?.close();
  });

  it("counts the links other replicas recorded against the application's limit", async () => {
    const [first, second] = set.replicas as [RunningControlPlane, RunningControlPlane];
    const f = factories(first.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const { secret } = await f.newApiKey(org.id);

    const held = sockets(
      await Promise.all(Array.from({ length: LIMIT - 1 }, () => linkTo(first, app.name, secret))),
    );
    expect(held).toHaveLength(LIMIT - 1);
    // Recorded CONNECTED (what the second replica reads) once the handshake is done.
    const registry = first.app.get(ExecutorRegistry);
    await waitUntil(
      () => registry.forApplication(app.id).length === LIMIT - 1,
      DEFAULT_WAIT_TIMEOUT_MS,
      'linked to the first replica',
    );
    const onSecond = await Promise.all([
      linkTo(second, app.name, secret),
      linkTo(second, app.name, secret),
    ]);
    expect(sockets(onSecond)).toHaveLength(1);
    expect(refusals(onSecond).map((r) => r.refused)).toEqual([429]);
    await closeAll([...held, ...sockets(onSecond)]);
  });
});
