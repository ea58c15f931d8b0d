import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@podium/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { ExecutorsService } from '../../src/modules/executors/executors.service';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { blockedOn, holdLock } from './pg-locks';
import { usePostgresControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * An executor leaving while its disconnection waits to be recorded (another session holds a
 * table lock on executors), as alerting reads the application's liveness meanwhile. The link
 * leaves the registry as it closes, before the record: a read in between once saw no executor
 * and only the previous recorded disconnection, so UnresponsiveApplication fired at once
 * (ignoring its period) and resolved when the record landed — then fired again.
 */
describe('the liveness of an application whose executor just left (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let locker: Database;
  let f: ReturnType<typeof factories>;

  beforeAll(async () => {
    locker = await openDatabase({ kind: 'postgres', url: stack.scratch.url });
    f = factories(stack.server.app);
  });
  afterAll(async () => {
    await locker?.close();
  });

  it('dates the silence from the close, before and after the disconnection is recorded', async () => {
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const key = await f.newApiKey(org.id);
    const url = `${stack.server.conductorUrl}/websocket/${app.name}/${key.secret}`;
    const liveness = () => stack.server.app.get(ExecutorsService).findLiveness(app.id);
    const linkedHere = () => stack.server.app.get(ExecutorRegistry).forApplication(app.id).length;
    const recordedStatus = async (executorId: string) =>
      (await locker.prisma.executor.findFirst({ where: { applicationId: app.id, executorId } }))
        ?.status;
    const link = async (executorId: string) => {
      const result = await connectExecutor(url, {
        executor_id: executorId,
        application_version: 'v1',
      });
      if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
      await waitUntil(() => linkedHere() === 1, 10_000, `${executorId} linked`);
      return result.ws;
    };

    // A first executor comes and goes: the recorded disconnection a stale read would date from.
    const first = `exec-${randomUUID()}`;
    (await link(first)).close();
    await waitUntil(async () => (await recordedStatus(first)) === 'DISCONNECTED', 10_000);
    const earlier = (await liveness()).lastDisconnectedAt;
    expect(earlier).toBeInstanceOf(Date);

    const second = `exec-${randomUUID()}`;
    const ws = await link(second);
    expect((await liveness()).connected).toBe(1);
    const release = await holdLock(locker, 'LOCK TABLE executors IN EXCLUSIVE MODE');
    const leaving = new Date();
    const closes = closed(ws);
    ws.close();
    await closes;
    // The server's side closes just after the client's: the link leaves the registry, then its
    // disconnection's write waits behind the lock.
    await waitUntil(() => linkedHere() === 0, 10_000, 'the link unregistered');
    await blockedOn(locker, 'executors', 'UPDATE "public"."executors"'); // recordDisconnected
    expect(await recordedStatus(second)).toBe('CONNECTED'); // not recorded yet

    const during = await liveness();
    expect(during.connected).toBe(0);
    expect(during.lastDisconnectedAt?.getTime()).toBeGreaterThanOrEqual(leaving.getTime());
    expect(during.lastDisconnectedAt?.getTime()).toBeGreaterThan(earlier?.getTime() ?? 0);

    await release();
    await waitUntil(async () => (await recordedStatus(second)) === 'DISCONNECTED', 10_000);
    expect(await liveness()).toEqual(during);
  });
});
