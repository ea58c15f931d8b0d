import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { openDatabase, type Database } from '@podium/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicaRole } from '../../src/infra/replica/replica-role';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { AuditService } from '../../src/modules/audit/audit.service';
import { ApplicationsRepository } from '../../src/modules/applications/applications.repository';
import { ExecutorRecoveryService } from '../../src/modules/executors/recovery/executor-recovery.service';
import { ReplicaFailoverService } from '../../src/modules/replicas/replica-failover.service';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { holdLock } from './pg-locks';
import { requestsOf, systemDatabase } from './pretend-system-database';
import { endpointOf, linkToReplica, startReplicas, type ReplicaSet } from './replicas';
import type { ScriptedLink } from './scripted-executor';
import type { RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * Dead-executor recovery with three replicas on PostgreSQL + Redis: where it runs (the
 * coordinator) and that, however many replicas go for one dead executor at once, one of them
 * sends `recovery`, once.
 */
describe('recovery across replicas (PostgreSQL + Redis, three replicas)', () => {
  let set: ReplicaSet;
  let replicas: RunningControlPlane[];
  let db: Database;
  let org: { id: string; name: string };
  let key: string;
  const links: ScriptedLink[] = [];

  async function link(
    replica: RunningControlPlane,
    appName: string,
    info: { executor_id: string; application_version: string },
    script: Script,
  ): Promise<ScriptedLink> {
    const opened = await linkToReplica(db, endpointOf(replica), { appName, key }, info, script);
    links.push(opened);
    return opened;
  }

  const newApp = (gracePeriodSeconds: number) =>
    replicas[0]!.app
      .get(ApplicationsRepository)
      .create(org.id, `app-${Math.random().toString(36).slice(2, 10)}`, {
        executorGracePeriodSeconds: gracePeriodSeconds,
      });

  const logged = (replica: RunningControlPlane, message: string, executorId: string) =>
    replica.logs.filter((line) => line.includes(message) && line.includes(`"${executorId}"`))
      .length;

  const recoveryAudit = async (executorId: string) =>
    (
      await replicas[0]!.app.get(AuditService).findAuditLogs(org.id, {
        operation: 'executor.recover',
        target: executorId,
        limit: 50,
        offset: 0,
      })
    ).items;

  beforeAll(async () => {
    // Sweeps only when a test asks: what a test counts is what it caused.
    set = await startReplicas(3, {
      executors: { recoverySweepMs: 60 * 60_000, requestTimeoutMs: 3_000 },
    });
    replicas = set.replicas;
    db = replicas[0]!.app.get<Database>(DATABASE);
    const f = factories(replicas[0]!.app);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });
  afterAll(async () => {
    for (const opened of links) opened.ws.terminate();
    await set?.close();
  });

  it('runs deadlines on the coordinator only, which recovers through an executor on another replica', async () => {
    const [a, b, c] = replicas as [RunningControlPlane, RunningControlPlane, RunningControlPlane];
    // The one that started first, once every replica has read the leases.
    await waitUntil(
      () => replicas.filter((r) => r.app.get(ReplicaRole).isCoordinator).length === 1,
      15_000,
      'one coordinator',
    );
    expect(a.app.get(ReplicaRole).isCoordinator).toBe(true);

    const app = await newApp(1);
    const system = systemDatabase();
    // A, the coordinator, holds only an executor of another version: v1's recovery must be
    // routed to B.
    const otherVersion = await link(
      a,
      app.name,
      { executor_id: 'v2-on-a', application_version: 'v2' },
      system.script('v2'),
    );
    const sameVersion = await link(
      b,
      app.name,
      { executor_id: 'v1-on-b', application_version: 'v1' },
      system.script('v1'),
    );
    const dying = await link(
      c,
      app.name,
      { executor_id: 'crashes-on-c', application_version: 'v1' },
      system.script('v1'),
    );
    system.pending.set('crashes-on-c', 'v1');
    const closed = once(dying.ws, 'close');
    dying.ws.terminate();
    await closed;

    await waitUntil(
      () =>
        db.prisma.executor.findFirst({
          where: { executorId: 'crashes-on-c', recoveredAt: { not: null } },
        }),
      20_000,
      'the crashed executor recovered',
    );
    expect(system.pending.has('crashes-on-c')).toBe(false);
    // Declared dead and recovered by the coordinator alone, once.
    expect(replicas.map((r) => logged(r, 'executor declared dead', 'crashes-on-c'))).toEqual([
      1, 0, 0,
    ]);
    expect(replicas.map((r) => logged(r, 'recovery sent', 'crashes-on-c'))).toEqual([1, 0, 0]);
    expect(requestsOf(sameVersion, 'recovery')).toEqual([
      expect.objectContaining({ executor_ids: ['crashes-on-c'] }),
    ]);
    expect(requestsOf(otherVersion, 'recovery')).toEqual([]);
  });

  it('sends recovery once when three replicas go for the same dead executor at the same moment', async () => {
    const app = await newApp(1);
    const system = systemDatabase();
    // Dead, its recovery still to do (as when no executor of its version was connected).
    const longAgo = new Date(Date.now() - 60_000);
    const dead = await db.prisma.executor.create({
      data: {
        organizationId: org.id,
        applicationId: app.id,
        executorId: 'raced',
        applicationVersion: 'v1',
        language: 'typescript',
        sdkVersion: '5.2.11',
        status: 'DEAD',
        connectedAt: longAgo,
        disconnectedAt: longAgo,
        lastSeenAt: longAgo,
        deadAt: longAgo,
      },
    });
    system.pending.set('raced', 'v1');

    // The barrier: a transaction holds the dead executor's row, so every replica that tries
    // to act on it queues behind it, and all are let go at once.
    const barrier = await holdRows(set.scratch.url, dead.id);
    try {
      // An executor of its version on every replica, and one of another version.
      const sameVersion = await Promise.all(
        replicas.map((replica, i) =>
          link(
            replica,
            app.name,
            { executor_id: `v1-${i}`, application_version: 'v1' },
            system.script('v1'),
          ),
        ),
      );
      const otherVersion = await link(
        replicas[1]!,
        app.name,
        { executor_id: 'v2', application_version: 'v2' },
        system.script('v2'),
      );

      // A sweep on every replica (as a coordinator whose lease just passed and its successor
      // would), each stopped at the row.
      const sweeps = replicas.map((r) => r.app.get(ExecutorRecoveryService).sweep());
      await barrier.untilWaiting(replicas.length, 'every replica waiting on the dead executor');
      await barrier.release();
      await Promise.all(sweeps);
      // The coordinator's attempt may be the pass its executors' connections started.
      await waitUntil(
        () => db.prisma.executor.findFirst({ where: { id: dead.id, recoveredAt: { not: null } } }),
        20_000,
        'the raced executor recovered',
      );
      expect(system.pending.has('raced')).toBe(false);
      const recoveries = sameVersion.flatMap((l) => requestsOf(l, 'recovery'));
      expect(recoveries).toEqual([expect.objectContaining({ executor_ids: ['raced'] })]);
      expect(requestsOf(otherVersion, 'recovery')).toEqual([]);
      expect(replicas.map((r) => logged(r, 'recovery sent', 'raced')).reduce((x, y) => x + y)).toBe(
        1,
      );
      expect(await recoveryAudit('raced')).toMatchObject([{ status: 'success' }]);
    } finally {
      await barrier.release();
    }
  });

  it('has one replica adopt a dead replica when several look at once (the others skip its locked row)', async () => {
    const app = await newApp(3_600);
    // A replica that started last (the coordinator stays), with a live lease for now.
    const gone = randomUUID();
    await db.prisma.replica.create({
      data: { id: gone, startedAt: new Date(), leaseUntil: new Date(Date.now() + 60 * 60_000) },
    });
    const at = new Date();
    const left = await db.prisma.executor.create({
      data: {
        organizationId: org.id,
        applicationId: app.id,
        executorId: 'left-on-gone',
        applicationVersion: 'v1',
        language: 'typescript',
        sdkVersion: '5.2.11',
        status: 'CONNECTED',
        connectedAt: at,
        lastSeenAt: at,
        replicaId: gone,
      },
    });
    const adoptions = () =>
      replicas.flatMap((r) => r.logs).filter((line) => line.includes(`"deadReplicaId":"${gone}"`))
        .length;
    // Its executor's row held: the adopter, having locked the replica's row, waits there.
    const barrier = await holdRows(set.scratch.url, left.id);
    try {
      const expiry = new Date(Date.now() - 1_000);
      await db.prisma.replica.update({ where: { id: gone }, data: { leaseUntil: expiry } });
      // Every replica looks; one (maybe through its own timer) adopts it and waits there.
      const looks = replicas.map((r) => r.app.get(ReplicaFailoverService).watch());
      let done = 0;
      for (const look of looks) void look.then(() => (done += 1));
      await barrier.untilWaiting(1, 'an adopter waiting on the executor');
      // The others finish their look meanwhile: its row is locked, so they skip it.
      await waitUntil(() => done >= replicas.length - 1, 20_000, 'the others done looking');
      expect(await db.prisma.replica.count({ where: { id: gone } })).toBe(1);
      await barrier.release();
      await Promise.all(looks);
      await waitUntil(
        async () => (await db.prisma.replica.count({ where: { id: gone } })) === 0,
        15_000,
        'the dead replica adopted',
      );
      expect(await db.prisma.executor.findUniqueOrThrow({ where: { id: left.id } })).toMatchObject({
        status: 'DISCONNECTED',
        disconnectedAt: expiry,
        replicaId: null,
      });
      // Every replica has looked again since: still one adoption.
      await Promise.all(replicas.map((r) => r.app.get(ReplicaFailoverService).watch()));
      expect(adoptions()).toBe(1);
    } finally {
      await barrier.release();
    }
  });
});

/**
 * Holds rows of the executors table locked (FOR UPDATE) in a transaction of its own, until
 * released: replicas acting on them queue behind it, and are let go at once.
 */
async function holdRows(databaseUrl: string, ...ids: string[]) {
  const direct = await openDatabase({ kind: 'postgres', url: databaseUrl });
  const letGo = await holdLock(
    direct,
    'SELECT id FROM executors WHERE id = ANY($1::uuid[]) FOR UPDATE',
    ids,
  );
  let released: Promise<void> | undefined;
  return {
    /** Until `count` sessions of this database wait on a lock. */
    untilWaiting: (count: number, what: string) =>
      waitUntil(
        async () => {
          const [waiting] = await direct.prisma.$queryRaw<Array<{ n: number }>>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          return (waiting?.n ?? 0) >= count;
        },
        20_000,
        what,
      ),
    release: () =>
      (released ??= (async () => {
        await letGo();
        await direct.close();
      })()),
  };
}
