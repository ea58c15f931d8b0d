import net, { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import type { Database } from '@podium/db';
import { ReadinessResponseSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { ReplicasRepository } from '../../src/modules/replicas/replicas.repository';
import { factories } from '../factories';
import { TEST_REDIS_URL, scratchRedis } from '../support/redis';
import { closed, connectExecutor } from './fake-executor';
import { replicaIdOf } from './replicas';
import { type RunningControlPlane, startTestControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

/** A TCP relay to Redis that the test can cut, as a network failure would. */
async function startCuttableRelay() {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** An executor linked to `replica`, of a new application of a new organization. */
async function linkExecutor(replica: RunningControlPlane, executorId: string) {
  const f = factories(replica.app);
  const org = await f.newOrg();
  const app = await f.newApp(org.id);
  const { secret } = await f.newApiKey(org.id);
  const opened = await connectExecutor(`${replica.conductorUrl}/websocket/${app.name}/${secret}`, {
    executor_id: executorId,
    application_version: 'v1',
  });
  if (!('ws' in opened)) throw new Error(`refused: ${opened.body}`);
  return { app, opened };
}

describe('a replica’s start, readiness and stop (PostgreSQL + Redis)', () => {
  let scratch: ScratchDatabase;
  const postgres = () => ({ kind: 'postgres' as const, url: scratch.url });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('refuses Redis with the embedded database at boot, saying why', async () => {
    await expect(
      startTestControlPlane({ kind: 'pglite', dataDir: 'memory://' }, { redis: scratchRedis() }),
    ).rejects.toThrow(/REDIS_URL: replica mode \(REDIS_URL\) needs PostgreSQL/);
  });

  it('refuses to start when Redis does not answer, naming where it looked (not the password)', async () => {
    const refusal = await startTestControlPlane(postgres(), {
      redis: { url: 'redis://:hunter2@127.0.0.1:1', namespace: `test-${randomUUID()}` },
    }).then(
      () => new Error('it started'),
      (error: unknown) => error as Error,
    );
    expect(refusal.message).toMatch(/Redis did not answer at 127\.0\.0\.1:1 \(REDIS_URL\)/);
    expect(refusal.message).not.toContain('hunter2');
  });

  it('is ready while PostgreSQL and Redis answer, and says which one is down when Redis goes', async () => {
    const relay = await startCuttableRelay();
    const replica = await startTestControlPlane(postgres(), {
      redis: { url: relay.url, namespace: `test-${randomUUID()}` },
    });
    try {
      const ready = await fetch(`${replica.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(ReadinessResponseSchema.parse(await ready.json())).toMatchObject({
        status: 'ready',
        checks: { database: { status: 'up' }, redis: { status: 'up' } },
      });

      relay.cut();
      const down = await waitUntil(
        async () => {
          const res = await fetch(`${replica.url}/readyz`);
          return res.status === 503 ? ReadinessResponseSchema.parse(await res.json()) : null;
        },
        15_000,
        'readiness to report Redis down',
      );
      expect(down).toMatchObject({
        status: 'not_ready',
        checks: { database: { status: 'up' }, redis: { status: 'down' } },
      });
      expect(down.checks.redis?.error).toBeTruthy();
      // Liveness never asks a dependency.
      expect((await fetch(`${replica.url}/healthz`)).status).toBe(200);
    } finally {
      await replica.close();
    }
  });

  it('lets its links go once its lease passes unrenewed (PostgreSQL out of reach), as the others may adopt them', async () => {
    const replica = await startTestControlPlane(postgres(), {
      redis: scratchRedis(),
      replica: { leaseSeconds: 3 },
    });
    const repository = replica.app.get(ReplicasRepository);
    const renew = repository.renewLease.bind(repository);
    // When each good renewal started; none succeeds once `failing`.
    const goodRenewals: number[] = [];
    let failing = false;
    const renewals = vi.spyOn(repository, 'renewLease').mockImplementation(async (...args) => {
      if (failing) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      const startedAt = Date.now();
      const outcome = await renew(...args);
      goodRenewals.push(startedAt);
      return outcome;
    });
    try {
      const { app, opened } = await linkExecutor(replica, 'stranded');
      await waitUntil(() => replica.app.get(ExecutorRegistry).isLinked(app.id, 'stranded'));
      await waitUntil(() => goodRenewals.length > 0, DEFAULT_WAIT_TIMEOUT_MS, 'a renewal');
      const closing = closed(opened.ws);
      failing = true;
      expect(await closing).toBe(1012);
      // Not at the first failure: once the last good renewal's lease (3 s) has passed.
      expect(Date.now() - (goodRenewals.at(-1) ?? 0)).toBeGreaterThanOrEqual(3_000 - 50);
      expect(replica.logs.join('')).toContain('replica lease lapsed unrenewed');
    } finally {
      renewals.mockRestore();
      await replica.close();
    }
  });

  it('on a clean stop closes its links, records them DISCONNECTED (not dead) and gives up its lease', async () => {
    const replica = await startTestControlPlane(postgres(), { redis: scratchRedis() });
    const db = replica.app.get<Database>(DATABASE);
    const replicaId = replicaIdOf(replica);
    const { opened } = await linkExecutor(replica, 'rolling');
    await waitUntil(
      () => db.prisma.executor.findFirst({ where: { executorId: 'rolling', replicaId } }),
      10_000,
      'the executor recorded on this replica',
    );
    expect(await db.prisma.replica.count({ where: { id: replicaId } })).toBe(1);
    const closing = closed(opened.ws);

    // Its own database handle closes with it: read afterwards through another.
    const other = await startTestControlPlane(postgres(), { redis: scratchRedis() });
    try {
      await replica.close();
      expect(await closing).toBe(1012);
      const otherDb = other.app.get<Database>(DATABASE);
      const row = await otherDb.prisma.executor.findFirstOrThrow({
        where: { executorId: 'rolling' },
      });
      expect(row).toMatchObject({ status: 'DISCONNECTED', deadAt: null, replicaId: null });
      expect(await otherDb.prisma.replica.count({ where: { id: replicaId } })).toBe(0);
    } finally {
      await other.close();
    }
  });
});
