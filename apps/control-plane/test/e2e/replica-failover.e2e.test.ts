import { once } from 'node:events';
import type { Database } from '@podium/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ApplicationsRepository } from '../../src/modules/applications/applications.repository';
import { ExecutorRecoveryService } from '../../src/modules/executors/recovery/executor-recovery.service';
import { ReplicaFailoverService } from '../../src/modules/replicas/replica-failover.service';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { requestsOf, systemDatabase } from './pretend-system-database';
import { type ReplicaProcess, startReplicaProcess } from './replica-process';
import {
  endpointOf,
  linkToReplica,
  replicaIdOf,
  startReplicas,
  type ReplicaEndpoint,
  type ReplicaSet,
} from './replicas';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import type { RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * Replica failure on PostgreSQL + Redis: two replicas in this process (A, the recovery
 * coordinator since it started first, and B), and a third as a real process, killed (SIGKILL)
 * or stopped (SIGTERM) mid-test. Only the process's lease is short: the survivors keep the
 * default, so a loaded machine cannot make them look dead.
 */
// Renewed every 1.7 s: only a stall of over 3 s would make it look dead before it is killed.
const DYING_LEASE_SECONDS = 5;
const ADOPTED = 'adopted the executors of a replica whose lease passed';

describe('replica failure (PostgreSQL + Redis, a replica as a real process)', () => {
  let set: ReplicaSet;
  let a: RunningControlPlane;
  let b: RunningControlPlane;
  let db: Database;
  let org: { id: string; name: string };
  let key: string;
  const links: ScriptedLink[] = [];
  const processes: ReplicaProcess[] = [];

  /** A link to `to` (version v1), once its row says CONNECTED there. */
  async function link(
    to: ReplicaEndpoint,
    appName: string,
    executorId: string,
    script: Script,
  ): Promise<ScriptedLink> {
    const info = { executor_id: executorId, application_version: 'v1' };
    const opened = await linkToReplica(db, to, { appName, key }, info, script);
    links.push(opened);
    return opened;
  }

  const newApp = (gracePeriodSeconds: number) =>
    a.app
      .get(ApplicationsRepository)
      .create(org.id, `app-${Math.random().toString(36).slice(2, 10)}`, {
        executorGracePeriodSeconds: gracePeriodSeconds,
      });

  const row = (applicationId: string, executorId: string) =>
    db.prisma.executor.findUniqueOrThrow({
      where: { applicationId_executorId: { applicationId, executorId } },
    });

  const logCount = (message: string) =>
    [a, b].flatMap((r) => r.logs).filter((line) => line.includes(message)).length;

  /** A whole sweep on each survivor, begun after this call (see executor-recovery's sweepOnce). */
  async function sweepEverywhere() {
    for (const replica of [a, b]) {
      const recovery = replica.app.get(ExecutorRecoveryService);
      await recovery.sweep();
      await recovery.sweep();
    }
  }

  beforeAll(async () => {
    set = await startReplicas(2, {
      executors: { recoverySweepMs: 1_000, requestTimeoutMs: 3_000 },
    });
    [a, b] = set.replicas as [RunningControlPlane, RunningControlPlane];
    db = a.app.get<Database>(DATABASE);
    const f = factories(a.app);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });
  afterAll(async () => {
    for (const opened of links) opened.ws.terminate();
    await Promise.allSettled(processes.map((p) => p.process.stop()));
    await set?.close();
  });

  it('has a survivor adopt a killed replica’s executors as of its lease expiry, keeps the one that reconnects, and recovers the other once', async () => {
    // Long enough for the returning executor to be redialed after the adoption, however slow
    // the machine; the lost one is recovered that long after the lease expiry.
    const GRACE_SECONDS = 8;
    const dying = await startReplicaProcess(set, {
      PODIUM_REPLICA_LEASE_SECONDS: String(DYING_LEASE_SECONDS),
    });
    processes.push(dying);
    const app = await newApp(GRACE_SECONDS);
    const system = systemDatabase();
    const healthyA = await link(endpointOf(a), app.name, 'healthy-a', system.script('v1'));
    const healthyB = await link(endpointOf(b), app.name, 'healthy-b', system.script('v1'));
    await link(dying, app.name, 'returning', system.script('v1'));
    await link(dying, app.name, 'lost', system.script('v1'));
    system.pending.set('returning', 'v1');
    system.pending.set('lost', 'v1');
    const adoptionsBefore = logCount(ADOPTED);

    // Follow its lease until its row goes: the last value seen is the one it died with.
    const exited = once(dying.process.child, 'exit');
    dying.process.child.kill('SIGKILL');
    await exited;
    let leaseUntil: Date | null = null;
    await waitUntil(
      async () => {
        const lease = await db.prisma.replica.findUnique({ where: { id: dying.replicaId } });
        if (lease) leaseUntil = lease.leaseUntil;
        return lease === null;
      },
      30_000,
      'the killed replica adopted',
    );
    if (!leaseUntil) throw new Error('the killed replica had no lease row');
    const expiry: Date = leaseUntil;

    for (const executorId of ['returning', 'lost']) {
      expect(await row(app.id, executorId)).toMatchObject({
        status: 'DISCONNECTED',
        disconnectedAt: expiry,
        deadAt: null,
        replicaId: null,
      });
    }
    expect(logCount(ADOPTED) - adoptionsBefore).toBe(1); // one survivor adopted it

    // Back within its grace period, through the other replica: connected, never recovered.
    const back = await link(endpointOf(b), app.name, 'returning', system.script('v1'));

    const lost = await waitUntil(
      async () => {
        const found = await row(app.id, 'lost');
        return found.recoveredAt ? found : null;
      },
      GRACE_SECONDS * 1_000 + 30_000,
      'the lost executor recovered',
    );
    expect(lost.status).toBe('DEAD');
    expect(lost.deadAt?.getTime()).toBeGreaterThanOrEqual(expiry.getTime() + GRACE_SECONDS * 1_000);
    expect(system.pending.has('lost')).toBe(false);

    // Its deadline (the same as the lost one's) has passed, and sweeps ran everywhere since.
    await sweepEverywhere();
    expect(await row(app.id, 'returning')).toMatchObject({
      status: 'CONNECTED',
      deadAt: null,
      replicaId: replicaIdOf(b),
    });
    expect(system.pending.get('returning')).toBe('v1');
    const recoveries = [healthyA, healthyB, back].flatMap((l) => requestsOf(l, 'recovery'));
    expect(recoveries).toEqual([expect.objectContaining({ executor_ids: ['lost'] })]);
  }, 120_000);

  it('on SIGTERM closes a replica’s links, which redial another replica in time: no recovery anywhere', async () => {
    // Short enough that the test outlives it; long enough for a redial on a loaded machine.
    const GRACE_SECONDS = 10;
    const stopping = await startReplicaProcess(set);
    processes.push(stopping);
    const app = await newApp(GRACE_SECONDS);
    const system = systemDatabase();
    const healthy = await link(endpointOf(a), app.name, 'healthy', system.script('v1'));
    const closeCodes: number[] = [];
    const redialed: ScriptedLink[] = [];
    for (const executorId of ['rolling-1', 'rolling-2']) {
      const first = await link(stopping, app.name, executorId, system.script('v1'));
      system.pending.set(executorId, 'v1');
      // As behind a load balancer: the executor redials, and lands on a replica still up.
      first.ws.once('close', (code) => {
        closeCodes.push(code);
        void connectScriptedExecutor(
          `${b.conductorUrl}/websocket/${app.name}/${key}`,
          { executor_id: executorId, application_version: 'v1' },
          system.script('v1'),
        ).then((again) => {
          links.push(again);
          redialed.push(again);
        });
      });
    }
    const adoptionsBefore = logCount(ADOPTED);

    const stoppedAt = Date.now();
    await stopping.process.stop();
    // Nest's shutdown hooks ran, then re-raised the signal (a SIGKILL would say so instead).
    expect(stopping.process.child.signalCode).toBe('SIGTERM');
    await waitUntil(() => closeCodes.length === 2, 10_000, 'both links closed');
    expect(closeCodes).toEqual([1012, 1012]);
    expect(await db.prisma.replica.count({ where: { id: stopping.replicaId } })).toBe(0);
    for (const executorId of ['rolling-1', 'rolling-2']) {
      await waitUntil(
        () =>
          db.prisma.executor.findFirst({
            where: {
              applicationId: app.id,
              executorId,
              status: 'CONNECTED',
              replicaId: replicaIdOf(b),
            },
          }),
        15_000,
        `${executorId} reconnected to another replica`,
      );
    }

    // Past any deadline the disconnections could have had, and whole sweeps after it.
    await waitUntil(
      () => Date.now() > stoppedAt + GRACE_SECONDS * 1_000 + 500,
      GRACE_SECONDS * 1_000 + 10_000,
      'the grace period to pass',
    );
    await sweepEverywhere();
    for (const executorId of ['rolling-1', 'rolling-2']) {
      expect(await row(app.id, executorId)).toMatchObject({ status: 'CONNECTED', deadAt: null });
      expect(system.pending.get(executorId)).toBe('v1');
    }
    for (const executor of [healthy, ...redialed]) {
      expect(requestsOf(executor, 'recovery')).toEqual([]);
      expect(requestsOf(executor, 'exist_pending_workflows')).toEqual([]);
    }
    expect(logCount(ADOPTED)).toBe(adoptionsBefore); // it gave its row up: nothing to adopt
  }, 120_000);

  it('has a replica whose executors were adopted while it stalled close its links, so they reconnect', async () => {
    const app = await newApp(3_600);
    const system = systemDatabase();
    const stalled = await link(endpointOf(b), app.name, 'on-stalled', system.script('v1'));
    const closing = once(stalled.ws, 'close') as Promise<[number]>;
    const idOfB = replicaIdOf(b);
    // B stops renewing in time (as a long pause would make it), and A adopts it. B may renew
    // in between: then try again.
    await waitUntil(
      async () => {
        await db.prisma.replica.updateMany({
          where: { id: idOfB },
          data: { leaseUntil: new Date(Date.now() - 1_000) },
        });
        await a.app.get(ReplicaFailoverService).watch();
        return (await row(app.id, 'on-stalled')).status === 'DISCONNECTED';
      },
      15_000,
      'A to adopt B',
    );
    // B's next renewal finds its row gone: it closes the link instead of keeping a link whose
    // row says DISCONNECTED (it would be declared dead and recovered while alive).
    const [code] = await closing;
    expect(code).toBe(1012);
    await waitUntil(
      () => db.prisma.replica.findUnique({ where: { id: idOfB } }),
      15_000,
      'B back in the replicas table',
    );
    const back = await link(endpointOf(b), app.name, 'on-stalled', system.script('v1'));
    expect(await row(app.id, 'on-stalled')).toMatchObject({ status: 'CONNECTED', deadAt: null });
    expect(requestsOf(back, 'recovery')).toEqual([]);
  }, 60_000);
});
