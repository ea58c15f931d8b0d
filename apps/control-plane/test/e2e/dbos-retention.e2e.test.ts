import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { ApplicationSchema } from '@podium/protocol';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionSchedule } from '../../src/modules/retention/retention-schedule';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { setUpOwnedApp, type OwnedApp } from './owned-app';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { bodyOf } from './test-browser';
import { waitUntil } from './wait-until';

const HOUR_MS = 3_600_000;

/**
 * Retention end to end with an unmodified DBOS Transact 5.2.11 app: app settings (PATCH) →
 * a `retention` message to its executor → DBOS deletes old completed workflows and cancels
 * overdue ones in its own system database, which this test reads directly (the control plane
 * never does). Workflow ages are set by moving their timestamps back in that database.
 */
describe('retention pushed to a real DBOS Transact 5.2.11 executor', () => {
  let systemDb: ScratchDatabase;
  let sql: Client;
  let server: RunningControlPlane;
  let executor: DbosExecutorProcess;
  let owned: OwnedApp;
  let ids: Record<string, string>;

  /** The workflow's status in the system database, or GONE once deleted. */
  const statusOf = async (workflowId: string) => {
    const { rows } = await sql.query<{ status: string }>(
      'SELECT status FROM dbos.workflow_status WHERE workflow_uuid = $1',
      [workflowId],
    );
    return rows[0]?.status ?? 'GONE';
  };
  const untilStatus = (workflowId: string, status: string) =>
    waitUntil(
      async () => (await statusOf(workflowId)) === status,
      30_000,
      `${workflowId} ${status}`,
    );
  /** Makes a workflow look created (and completed, if it did) `ageMs` ago. */
  const age = (workflowId: string, ageMs: number) =>
    sql.query(
      `UPDATE dbos.workflow_status
       SET created_at = created_at - $2::bigint,
           completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE completed_at - $2::bigint END
       WHERE workflow_uuid = $1`,
      [workflowId, ageMs],
    );
  const pushesFor = (reason: string) =>
    server.logs.filter(
      (line) =>
        line.includes('"msg":"retention pushed"') &&
        line.includes(`"reason":"${reason}"`) &&
        line.includes(`"application":"${owned.app.name}"`),
    );

  const stack = usePostgresControlPlane(
    // No scheduled round during the test: the pushes are the PATCHes' and the test's own.
    { retention: { intervalMs: 24 * HOUR_MS, pushTimeoutMs: 10_000 } },
  );

  beforeAll(async () => {
    systemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = stack.server;
    owned = await setUpOwnedApp(server.url, {
      orgPrefix: 'retention',
      app: { name: 'ledger' },
      permissions: ['websocket.connect', 'application.read', 'application.write'],
    });
    executor = await startDbosExecutor({
      appName: owned.app.name,
      conductorUrl: server.conductorUrl,
      apiKey: owned.apiKey,
      systemDatabaseUrl: systemDb.url,
      scenario: 'operations',
    });
    ids = { success: executor.workflowId, ...executor.workflows };
    sql = new Client({ connectionString: systemDb.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await executor?.stop();
    await systemDb?.drop();
  });

  it('pushes nothing while no threshold is set', async () => {
    const { success = '', error = '', pending = '', queueRunning = '' } = ids;
    await untilStatus(queueRunning, 'PENDING');
    expect(await statusOf(success)).toBe('SUCCESS');
    expect(await statusOf(error)).toBe('ERROR');
    expect(await statusOf(pending)).toBe('PENDING');
    expect(bodyOf(await owned.owner.get(owned.base), ApplicationSchema).lastRetentionPush).toBe(
      null,
    );
    expect(server.logs.some((line) => line.includes('"msg":"retention pushed"'))).toBe(false);
  });

  it('deletes completed workflows older than gcTimeThresholdMs and cancels overdue ones after the PATCH', async () => {
    const { success = '', error = '', pending = '', queueRunning = '', queueWaiting = '' } = ids;
    await age(success, 2 * HOUR_MS);
    await age(pending, 2 * HOUR_MS);

    const res = await owned.owner.patch(owned.base, {
      gcTimeThresholdMs: HOUR_MS,
      globalTimeoutMs: HOUR_MS,
    });
    expect(res.status).toBe(204);

    await untilStatus(success, 'GONE');
    await untilStatus(pending, 'CANCELLED');
    // Younger than the thresholds: untouched.
    expect(await statusOf(error)).toBe('ERROR');
    expect(await statusOf(queueRunning)).toBe('PENDING');
    expect(await statusOf(queueWaiting)).toBe('ENQUEUED');

    // The change made the one push there was.
    await waitUntil(() => pushesFor('settings-change').length > 0, 10_000, 'the push logged');
    expect(pushesFor('settings-change')).toHaveLength(1);
    expect(pushesFor('schedule')).toHaveLength(0);
    const pushed = await waitUntil(
      async () => bodyOf(await owned.owner.get(owned.base), ApplicationSchema).lastRetentionPush,
      10_000,
      'the push to be recorded',
    );
    expect(pushed).toMatchObject({
      outcome: 'delivered',
      executorId: expect.any(String) as string,
    });
  });

  it('keeps only the newest completed workflows under gcRowsThreshold; scheduled rounds push too', async () => {
    const { error = '', queueRunning = '', queueWaiting = '' } = ids;
    // A workflow completed after every other one: the newest of the completed.
    const newest = `refork-${executor.child.pid}`;
    const fork = await owned.owner.post(`${owned.base}/workflows/${error}/fork`, {
      startStep: 1,
      newWorkflowId: newest,
    });
    expect(fork.status).toBe(201);
    await untilStatus(newest, 'ERROR');

    const res = await owned.owner.patch(owned.base, { gcTimeThresholdMs: -1, gcRowsThreshold: 1 });
    expect(res.status).toBe(204);
    expect(bodyOf(await owned.owner.get(owned.base), ApplicationSchema)).toMatchObject({
      gcTimeThresholdMs: null,
      gcRowsThreshold: 1,
      globalTimeoutMs: HOUR_MS,
    });

    // DBOS TS ≥ 5.0 skips a push that arrives while its previous round still runs; the
    // periodic round makes up for that, so the probe runs one whenever the effect is missing.
    const schedule = server.app.get(RetentionSchedule);
    await waitUntil(
      async () => (await statusOf(error)) === 'GONE' || void (await schedule.pushAll()),
      30_000,
      `${error} deleted`,
    );
    expect(await statusOf(newest)).toBe('ERROR');
    expect(await statusOf(queueRunning)).toBe('PENDING');
    expect(await statusOf(queueWaiting)).toBe('ENQUEUED');

    // A scheduled round pushes every application with a threshold set.
    const before = pushesFor('schedule').length;
    await schedule.pushAll();
    expect(pushesFor('schedule')).toHaveLength(before + 1);
  });
});
