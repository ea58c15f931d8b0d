import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * Revocation racing a connecting executor, made deterministic with PostgreSQL locks: another
 * session holds a table lock so the link stops at a chosen step of its admission, the key is
 * revoked (or the app deleted) meanwhile, then the lock is released. The link must end closed.
 */
describe('executor admission racing revocation (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let server: RunningControlPlane;
  let locker: Database;
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };

  const wsUrl = (appName: string, key: string) =>
    `${server.conductorUrl}/websocket/${appName}/${key}`;

  /** Holds `lock` in a transaction of its own until the returned release is called. */
  async function holdLock(lock: string): Promise<() => Promise<void>> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const transaction = locker.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(lock);
        locked();
        await released;
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
    await isLocked;
    return async () => {
      release();
      await transaction;
    };
  }

  /**
   * Resolves once a query of the control plane waits for a lock on `table`, one whose text
   * includes `statement` when given: other work (the previous test's link closing, background
   * jobs) may wait on the same table, and taking its wait for the link's would revoke too early.
   */
  const blockedOn = (table: string, statement = '') =>
    waitUntil(
      async () => {
        const rows = await locker.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(
          `SELECT count(*) AS n FROM pg_locks l
             JOIN pg_class c ON c.oid = l.relation
             JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE NOT l.granted AND c.relname = $1 AND strpos(a.query, $2) > 0`,
          table,
          statement,
        );
        return Number(rows[0]?.n ?? 0) > 0;
      },
      30_000,
      `a query waiting on ${table}${statement && ` (${statement})`}`,
    );

  /** The server forgets a link when its side of the socket closes, just after the client's. */
  const unlinked = (applicationId: string) =>
    waitUntil(
      () => server.app.get(ExecutorRegistry).forApplication(applicationId).length === 0,
      10_000,
      'the link unregistered',
    );

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
    locker = await openDatabase({ kind: 'postgres', url: scratch.url });
    f = factories(server.app);
    org = await f.newOrg();
  });
  afterAll(async () => {
    await locker?.close();
    await server?.close();
    await scratch?.drop();
  });

  it('closes a link whose key is revoked while its connection is being recorded', async () => {
    const app = await f.newApp(org.id);
    const key = await f.newApiKey(org.id);
    const release = await holdLock('LOCK TABLE executors IN EXCLUSIVE MODE');
    const result = await connectExecutor(wsUrl(app.name, key.secret), {
      executor_id: `exec-${randomUUID()}`,
      application_version: 'v1',
    });
    if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
    const closes = closed(result.ws);
    await blockedOn('executors', 'INSERT INTO "public"."executors"'); // recordConnected waiting

    await server.app.get(ApiKeysService).revokeApiKey(org.id, key.apiKey.id);
    await release();

    await expect(closes).resolves.toBe(4001);
    await unlinked(app.id);
  });

  it('closes a link whose key is revoked between the key check and the upgrade', async () => {
    const app = await f.newApp(org.id);
    const key = await f.newApiKey(org.id);
    // The gateway reads the key, then the applications it is scoped to (a join on
    // applications): hold it there, the key already read as live.
    const release = await holdLock('LOCK TABLE applications IN ACCESS EXCLUSIVE MODE');
    const connecting = connectExecutor(wsUrl(app.name, key.secret), {
      executor_id: `exec-${randomUUID()}`,
      application_version: 'v1',
    });
    await blockedOn('applications', '"api_key_applications"');

    await server.app.get(ApiKeysService).revokeApiKey(org.id, key.apiKey.id);
    await release();

    const result = await connecting;
    if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
    await expect(closed(result.ws)).resolves.toBe(4001);
    await unlinked(app.id);
  });
});
