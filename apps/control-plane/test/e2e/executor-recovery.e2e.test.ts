import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { LiveEventSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ApplicationsRepository } from '../../src/modules/applications/applications.repository';
import { requestsOf, systemDatabase } from './pretend-system-database';
import type { ScriptedLink } from './scripted-executor';
import {
  crash,
  helpers,
  newApp,
  setUp,
  sweepOnce,
  type Setup,
  useScriptedRecovery,
} from './scripted-recovery';
import { openSse } from './sse-client';
import type { RunningControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

// Dead-executor recovery through a real control plane and real links (see scripted-recovery.ts).
describe('dead-executor recovery (scripted executors, PostgreSQL)', () => {
  const recovery = useScriptedRecovery();
  const { keep } = recovery;
  let setup: Setup;
  beforeAll(() => {
    setup = recovery.setup();
  });

  it('declares an executor dead after the grace period and recovers it through one of its version', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const sse = await openSse(
      `${setup.server.url}/v2/orgs/${setup.org.name}/apps/${app.name}/events`,
      {
        authorization: `Bearer ${setup.key}`,
      },
    );
    const sameVersion = keep(await h.connect('b-v1', 'v1', db.script('v1')));
    const otherVersion = keep(await h.connect('c-v2', 'v2', db.script('v2')));
    const dying = keep(await h.connect('d-v1', 'v1', db.script('v1')));
    await h.until('d-v1', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('d-v1', 'v1');

    await crash(dying);
    const disconnected = await h.until('d-v1', 'disconnected', (e) => e.status === 'DISCONNECTED');
    expect(disconnected.deadAt).toBeNull();
    const recovered = await h.until('d-v1', 'recovered', (e) => e.recoveredAt !== null);
    expect(recovered.status).toBe('DEAD');
    const graceMs = Date.parse(recovered.deadAt ?? '') - Date.parse(recovered.disconnectedAt ?? '');
    // Not before its deadline.
    expect(graceMs).toBeGreaterThanOrEqual(1_000);
    expect(db.pending.has('d-v1')).toBe(false);

    // Recovery went once, to the executor of its version; the other version only answered reads.
    expect(requestsOf(sameVersion, 'recovery')).toEqual([
      expect.objectContaining({ executor_ids: ['d-v1'] }),
    ]);
    expect(requestsOf(otherVersion, 'recovery')).toEqual([]);
    const checks = [sameVersion, otherVersion].flatMap((l) =>
      requestsOf(l, 'exist_pending_workflows'),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({ executor_id: 'd-v1', application_version: 'v1' }),
    );

    const [entry, ...more] = await h.recoveryAudit('d-v1');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      subject: null,
      status: 'success',
      target: { type: 'executor', id: 'd-v1' },
      details: {
        applicationId: app.id,
        applicationVersion: 'v1',
        recoveredBy: 'b-v1',
        recoveredByHostname: 'scripted',
      },
    });

    // The live stream follows it: disconnected, dead, recovered.
    await sse.next('executor.disconnected');
    const dead = LiveEventSchema.parse((await sse.next('executor.dead')).data);
    expect(dead).toMatchObject({
      type: 'executor.dead',
      at: recovered.deadAt,
      executor: { executorId: 'd-v1', status: 'DEAD', deadAt: recovered.deadAt, recoveredAt: null },
    });
    const confirmed = LiveEventSchema.parse((await sse.next('executor.recovered')).data);
    expect(confirmed).toMatchObject({
      at: recovered.recoveredAt,
      executor: { executorId: 'd-v1', status: 'DEAD', recoveredAt: recovered.recoveredAt },
    });
    sse.close();

    const logs = setup.server.logs.join('');
    for (const message of ['executor declared dead', 'recovery sent', 'executor recovered']) {
      expect(logs).toContain(message);
    }
    expect(logs).not.toContain(setup.key);
  });

  it('keeps an executor that reconnects within the grace period alive', async () => {
    // The grace period must outlast the crash, polling for the disconnection and reconnecting,
    // however slow the machine: a blip that came back is never declared dead.
    const GRACE_SECONDS = 10;
    const app = await newApp(setup, GRACE_SECONDS);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const peer = keep(await h.connect('peer', 'v1', db.script('v1')));
    const blip = keep(await h.connect('blip', 'v1', db.script('v1')));
    await h.until('blip', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('blip', 'v1');
    await crash(blip);
    const away = await h.until('blip', 'disconnected', (e) => e.status === 'DISCONNECTED');
    keep(await h.connect('blip', 'v1', db.script('v1'))); // the same process, back after a blip
    await h.until('blip', 'reconnected', (e) => e.status === 'HEALTHY');

    // Past the deadline the disconnection had, and a whole sweep after it.
    const deadline = Date.parse(away.disconnectedAt ?? '') + GRACE_SECONDS * 1_000;
    await waitUntil(() => Date.now() > deadline, GRACE_SECONDS * 1_000 + 10_000, 'the deadline');
    await sweepOnce(setup.server);
    expect(await h.executor('blip')).toMatchObject({ status: 'HEALTHY', deadAt: null });
    expect(requestsOf(peer, 'recovery')).toEqual([]);
    expect(requestsOf(peer, 'exist_pending_workflows')).toEqual([]);
    expect(db.pending.get('blip')).toBe('v1');
  });

  it('waits for an executor of the dead one’s version, and recovers it as soon as one connects', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const otherVersion = keep(await h.connect('other', 'v2', db.script('v2')));
    const dying = keep(await h.connect('old', 'v1', db.script('v1')));
    await h.until('old', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('old', 'v1');
    await crash(dying);
    await h.until('old', 'dead', (e) => e.status === 'DEAD');

    // The sweep keeps asking (any version can answer), but never sends recovery to v2.
    await waitUntil(
      () => requestsOf(otherVersion, 'exist_pending_workflows').length >= 3,
      DEFAULT_WAIT_TIMEOUT_MS,
      'sweeps asking again',
    );
    expect(requestsOf(otherVersion, 'recovery')).toEqual([]);
    expect(await h.executor('old')).toMatchObject({ status: 'DEAD', recoveredAt: null });
    expect(db.pending.get('old')).toBe('v1');

    const sameVersion = keep(await h.connect('new-v1', 'v1', db.script('v1')));
    await h.until('old', 'recovered', (e) => e.recoveredAt !== null);
    expect(requestsOf(sameVersion, 'recovery')).toEqual([
      expect.objectContaining({ executor_ids: ['old'] }),
    ]);
    expect(requestsOf(otherVersion, 'recovery')).toEqual([]);
    expect(await h.recoveryAudit('old')).toMatchObject([
      { status: 'success', details: { recoveredBy: 'new-v1' } },
    ]);
  });

  it('never takes "nothing pending" from an executor of another SDK family (its tables differ)', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    // One database, two SDK families: DBOS's tables hold none of @podium/sdk's workflows.
    const podiumTables = systemDatabase();
    const dbosTables = systemDatabase();
    const dbos = keep(await h.connect('dbos-v9', 'v9', dbosTables.script('v9'), '5.2.11'));
    const dying = keep(
      await h.connect('sdk-old', 'v1', podiumTables.script('v1'), 'podium-sdk/0.1.0'),
    );
    await h.until('sdk-old', 'connected', (e) => e.status === 'HEALTHY');
    podiumTables.pending.set('sdk-old', 'v1');
    await crash(dying);
    await h.until('sdk-old', 'dead', (e) => e.status === 'DEAD');
    await sweepOnce(setup.server);
    await sweepOnce(setup.server);

    expect(requestsOf(dbos, 'exist_pending_workflows')).toEqual([]);
    expect(await h.executor('sdk-old')).toMatchObject({ status: 'DEAD', recoveredAt: null });

    const successor = keep(
      await h.connect('sdk-new', 'v1', podiumTables.script('v1'), 'podium-sdk/0.1.0'),
    );
    await h.until('sdk-old', 'recovered', (e) => e.recoveredAt !== null);
    expect(requestsOf(successor, 'recovery')).toEqual([
      expect.objectContaining({ executor_ids: ['sdk-old'] }),
    ]);
    expect(podiumTables.pending.has('sdk-old')).toBe(false);
    expect(requestsOf(dbos, 'exist_pending_workflows')).toEqual([]);
  });

  it('sends recovery to an executor of the dead one’s SDK family, not to a newer one of the other', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const podiumTables = systemDatabase();
    const dbosTables = systemDatabase();
    const dbos = keep(await h.connect('dbos-v1', 'v1', dbosTables.script('v1'), '5.2.11'));
    const dying = keep(await h.connect('dbos-dying', 'v1', dbosTables.script('v1'), '5.2.11'));
    await h.until('dbos-dying', 'connected', (e) => e.status === 'HEALTHY');
    // Linked last, so the newest executor of v1: a mutation's first choice by the proxy's rules.
    const sdk = keep(
      await h.connect('sdk-v1', 'v1', podiumTables.script('v1'), 'podium-sdk/0.1.0'),
    );
    await h.until('sdk-v1', 'connected', (e) => e.status === 'HEALTHY');
    dbosTables.pending.set('dbos-dying', 'v1');
    await crash(dying);
    await h.until('dbos-dying', 'recovered', (e) => e.recoveredAt !== null);
    expect(requestsOf(dbos, 'recovery')).toEqual([
      expect.objectContaining({ executor_ids: ['dbos-dying'] }),
    ]);
    expect(requestsOf(sdk, 'recovery')).toEqual([]);
    expect(dbosTables.pending.has('dbos-dying')).toBe(false);
  });

  it('takes back an executor declared dead that reconnects, and leaves its workflows to it', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const otherVersion = keep(await h.connect('other-v2', 'v2', db.script('v2')));
    const zombie = keep(await h.connect('zombie', 'v1', db.script('v1')));
    await h.until('zombie', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('zombie', 'v1');
    await crash(zombie);
    await h.until('zombie', 'dead', (e) => e.status === 'DEAD');
    keep(await h.connect('zombie', 'v1', db.script('v1'))); // a long partition, not a crash
    const back = await h.until('zombie', 'connected again', (e) => e.status === 'HEALTHY');
    expect(back).toMatchObject({ deadAt: null, recoveredAt: null, disconnectedAt: null });
    await sweepOnce(setup.server);
    expect(await h.executor('zombie')).toMatchObject({ status: 'HEALTHY', deadAt: null });
    expect(requestsOf(otherVersion, 'recovery')).toEqual([]);
    expect(db.pending.get('zombie')).toBe('v1');
  });

  it('recovers the work a stopped executor (a normal close) left, after the grace period', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const peer = keep(await h.connect('peer-s', 'v1', db.script('v1')));
    const stopping = keep(await h.connect('stopping', 'v1', db.script('v1')));
    await h.until('stopping', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('stopping', 'v1');
    await stopping.close(1000); // the SDK's shutdown, with a workflow still PENDING
    const stopped = await h.until('stopping', 'stopped', (e) => e.stopped);
    expect(stopped).toMatchObject({ status: 'DISCONNECTED', deadAt: null });
    const recovered = await h.until('stopping', 'recovered', (e) => e.recoveredAt !== null);
    expect(recovered).toMatchObject({ status: 'DEAD', stopped: true }); // still, once recovered
    expect(recovered.deadAt).not.toBeNull();
    expect(requestsOf(peer, 'recovery')).toEqual([
      expect.objectContaining({ executor_ids: ['stopping'] }),
    ]);
    expect(db.pending.has('stopping')).toBe(false);
  });

  it('confirms a dead executor that left nothing pending without sending recovery', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    const peer = keep(await h.connect('peer', 'v1', db.script('v1')));
    const idle = keep(await h.connect('idle', 'v1', db.script('v1')));
    await h.until('idle', 'connected', (e) => e.status === 'HEALTHY');
    await idle.close(); // a clean shutdown
    await h.until('idle', 'recovered', (e) => e.recoveredAt !== null);
    expect(requestsOf(peer, 'exist_pending_workflows')).toHaveLength(1);
    expect(requestsOf(peer, 'recovery')).toEqual([]);
    expect(await h.recoveryAudit('idle')).toEqual([]); // nothing was recovered
  });

  it('audits a recovery that got no answer, and tries again later', async () => {
    const app = await newApp(setup, 1);
    const h = helpers(setup, app);
    const db = systemDatabase();
    let recoveries = 0;
    const flaky = keep(
      await h.connect(
        'flaky',
        'v1',
        db.script('v1', () => (++recoveries === 1 ? 'silent' : 'answer')),
      ),
    );
    const dying = keep(await h.connect('gone', 'v1', db.script('v1')));
    await h.until('gone', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('gone', 'v1');
    await crash(dying);
    // Grace, a first recovery left unanswered (the 3 s request timeout), then the next sweep's.
    await h.until('gone', 'recovered', (e) => e.recoveredAt !== null, 20_000);
    expect(requestsOf(flaky, 'recovery')).toHaveLength(2);
    expect(await h.recoveryAudit('gone')).toMatchObject([
      { status: 'success', details: { recoveredBy: 'flaky' } },
      { status: 'failure', details: { errorCode: 'EXECUTOR_NO_ANSWER', recoveredBy: null } },
    ]);
  });

  it('applies a grace period changed after the disconnection', async () => {
    const app = await newApp(setup, 3_600);
    const h = helpers(setup, app);
    const db = systemDatabase();
    keep(await h.connect('peer', 'v1', db.script('v1')));
    const dying = keep(await h.connect('slow', 'v1', db.script('v1')));
    await h.until('slow', 'connected', (e) => e.status === 'HEALTHY');
    await crash(dying);
    const disconnected = await h.until('slow', 'disconnected', (e) => e.status === 'DISCONNECTED');
    await setup.server.app
      .get(ApplicationsRepository)
      .update(setup.org.id, app.id, { executorGracePeriodSeconds: 1 });
    const dead = await h.until('slow', 'dead', (e) => e.status === 'DEAD');
    expect(Date.parse(dead.deadAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(disconnected.disconnectedAt ?? '') + 1_000,
    );
  });
});

describe('dead-executor recovery across a control-plane restart', () => {
  // Far longer than the test: an executor is recovered within it only if its deadline counts
  // from its disconnection, dated back past the grace period, never from the restart.
  const GRACE_SECONDS = 3_600;
  let scratch: ScratchDatabase;
  const servers: RunningControlPlane[] = [];
  const links: ScriptedLink[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    for (const link of links) link.ws.terminate();
    for (const server of servers) await server.close();
    await scratch?.drop();
  });

  it('keeps the deadline of a disconnection, and disconnects the links of the previous process', async () => {
    const first = await setUp(scratch);
    servers.push(first.server);
    const app = await newApp(first, GRACE_SECONDS);
    const db = systemDatabase();
    const before = helpers(first, app);
    const dying = await before.connect('before-restart', 'v1', db.script('v1'));
    links.push(dying);
    await before.until('before-restart', 'connected', (e) => e.status === 'HEALTHY');
    db.pending.set('before-restart', 'v1');
    // A row that a crashed control plane left CONNECTED: its process never recorded the end.
    const longAgo = new Date(Date.now() - 3_600_000);
    await first.server.app.get<Database>(DATABASE).prisma.executor.create({
      data: {
        organizationId: first.org.id,
        applicationId: app.id,
        executorId: 'left-connected',
        applicationVersion: 'v1',
        language: 'python',
        sdkVersion: '2.30.0',
        status: 'CONNECTED',
        connectedAt: longAgo,
        lastSeenAt: longAgo,
      },
    });
    await crash(dying);
    await before.until('before-restart', 'disconnected', (e) => e.status === 'DISCONNECTED');
    await first.server.close();
    servers.pop();
    // The control plane stays down past the deadline: the disconnection is dated back (its row
    // is all a new process knows of it), no clock waited on.
    const disconnectedAt = new Date(Date.now() - 2 * GRACE_SECONDS * 1_000);
    const direct = await openDatabase({ kind: 'postgres', url: scratch.url });
    try {
      await direct.prisma.executor.updateMany({
        where: { applicationId: app.id, executorId: 'before-restart' },
        data: { disconnectedAt },
      });
    } finally {
      await direct.close();
    }

    const restartedAt = Date.now();
    const second = await setUp(scratch, { org: first.org, key: first.key });
    const bootedAt = Date.now();
    servers.push(second.server);
    const after = helpers(second, app);
    links.push(await after.connect('after-restart', 'v1', db.script('v1')));

    const recovered = await after.until(
      'before-restart',
      'recovered',
      (e) => e.recoveredAt !== null,
      15_000,
    );
    expect(recovered.disconnectedAt).toBe(disconnectedAt.toISOString());
    const graceMs = Date.parse(recovered.deadAt ?? '') - disconnectedAt.getTime();
    // From the recorded disconnection, not from the restart: counted from the restart, it could
    // not be dead before restartedAt + grace, an hour after the test.
    expect(graceMs).toBeGreaterThanOrEqual(GRACE_SECONDS * 1_000);
    expect(Date.parse(recovered.deadAt ?? '')).toBeLessThan(restartedAt + GRACE_SECONDS * 1_000);
    expect(db.pending.has('before-restart')).toBe(false);
    expect(await after.recoveryAudit('before-restart')).toMatchObject([
      { status: 'success', details: { recoveredBy: 'after-restart' } },
    ]);

    // The leftover's grace period starts when the new process did. A second's grace from now
    // on (read whenever a deadline is checked) lets it run out within the test.
    const SHORT_GRACE_SECONDS = 1;
    await second.server.app
      .get(ApplicationsRepository)
      .update(first.org.id, app.id, { executorGracePeriodSeconds: SHORT_GRACE_SECONDS });
    const leftover = await after.until(
      'left-connected',
      'recovered',
      (e) => e.recoveredAt !== null,
      15_000,
    );
    const leftoverDisconnectedAt = Date.parse(leftover.disconnectedAt ?? '');
    expect(leftoverDisconnectedAt).toBeGreaterThanOrEqual(restartedAt);
    expect(leftoverDisconnectedAt).toBeLessThanOrEqual(bootedAt);
    expect(Date.parse(leftover.deadAt ?? '')).toBeGreaterThanOrEqual(
      leftoverDisconnectedAt + SHORT_GRACE_SECONDS * 1_000,
    );
  }, 90_000);

  it('takes over the executors a killed process left CONNECTED once its lease passed, as of its own start', async () => {
    // A database of its own: the process of the test above would take them over too.
    const own = await createScratchDatabase();
    const direct = await openDatabase({ kind: 'postgres', url: own.url });
    const killed = randomUUID();
    const longAgo = new Date(Date.now() - 3_600_000);
    let applicationId: string;
    try {
      // What a SIGKILLed process leaves: its replica row, its lease long passed, and a link row.
      await direct.prisma.replica.create({
        data: { id: killed, startedAt: longAgo, leaseUntil: longAgo },
      });
      const org = await direct.prisma.organization.create({
        data: { name: `org-${killed.slice(0, 8)}`, displayName: 'killed' },
      });
      const app = await direct.prisma.application.create({
        data: { organizationId: org.id, name: 'left-behind' },
      });
      applicationId = app.id;
      await direct.prisma.executor.create({
        data: {
          organizationId: org.id,
          applicationId,
          executorId: 'on-killed',
          applicationVersion: 'v1',
          language: 'typescript',
          sdkVersion: '5.2.11',
          status: 'CONNECTED',
          connectedAt: longAgo,
          lastSeenAt: longAgo,
          replicaId: killed,
        },
      });
    } finally {
      await direct.close();
    }
    const restartedAt = Date.now();
    const { server } = await setUp(own);
    try {
      const db = server.app.get<Database>(DATABASE);
      const row = await waitUntil(
        () =>
          db.prisma.executor.findFirst({
            where: { applicationId, executorId: 'on-killed', status: 'DISCONNECTED' },
          }),
        15_000,
        'the executor taken over',
      );
      // Nobody could have reconnected before this process started: its grace period runs from
      // then, not from the lease expiry an hour ago.
      expect(row.disconnectedAt?.getTime()).toBeGreaterThanOrEqual(restartedAt);
      expect(row.replicaId).toBeNull();
      expect(await db.prisma.replica.count({ where: { id: killed } })).toBe(0);
    } finally {
      await server.close();
      await own.drop();
    }
  }, 60_000);
});
