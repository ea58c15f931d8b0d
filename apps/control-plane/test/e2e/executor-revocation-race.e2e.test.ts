import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@podium/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { blockedOn, holdLock } from './pg-locks';
import { usePostgresControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * Revocation racing a connecting executor, made deterministic with PostgreSQL locks: another
 * session holds a table lock so the link stops at a chosen step of its admission, the key is
 * revoked (or the app deleted) meanwhile, then the lock is released. The link must end closed.
 */
describe('executor admission racing revocation (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let locker: Database;
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };

  const wsUrl = (appName: string, key: string) =>
    `${stack.server.conductorUrl}/websocket/${appName}/${key}`;

  /** The server forgets a link when its side of the socket closes, just after the client's. */
  const unlinked = (applicationId: string) =>
    waitUntil(
      () => stack.server.app.get(ExecutorRegistry).forApplication(applicationId).length === 0,
      10_000,
      'the link unregistered',
    );

  beforeAll(async () => {
    locker = await openDatabase({ kind: 'postgres', url: stack.scratch.url });
    f = factories(stack.server.app);
    org = await f.newOrg();
  });
  afterAll(async () => {
    await locker?.close();
  });

  it('closes a link whose key is revoked while its connection is being recorded', async () => {
    const app = await f.newApp(org.id);
    const key = await f.newApiKey(org.id);
    const release = await holdLock(locker, 'LOCK TABLE executors IN EXCLUSIVE MODE');
    const result = await connectExecutor(wsUrl(app.name, key.secret), {
      executor_id: `exec-${randomUUID()}`,
      application_version: 'v1',
    });
    if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
    const closes = closed(result.ws);
    await blockedOn(locker, 'executors', 'INSERT INTO "public"."executors"'); // recordConnected waiting

    await stack.server.app.get(ApiKeysService).revokeApiKey(org.id, key.apiKey.id);
    await release();

    await expect(closes).resolves.toBe(4001);
    await unlinked(app.id);
  });

  it('closes a link whose key is revoked between the key check and the upgrade', async () => {
    const app = await f.newApp(org.id);
    const key = await f.newApiKey(org.id);
    // The gateway reads the key, then the applications it is scoped to (a join on
    // applications): hold it there, the key already read as live.
    const release = await holdLock(locker, 'LOCK TABLE applications IN ACCESS EXCLUSIVE MODE');
    const connecting = connectExecutor(wsUrl(app.name, key.secret), {
      executor_id: `exec-${randomUUID()}`,
      application_version: 'v1',
    });
    await blockedOn(locker, 'applications', '"api_key_applications"');

    await stack.server.app.get(ApiKeysService).revokeApiKey(org.id, key.apiKey.id);
    await release();

    const result = await connecting;
    if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
    await expect(closed(result.ws)).resolves.toBe(4001);
    await unlinked(app.id);
  });
});
