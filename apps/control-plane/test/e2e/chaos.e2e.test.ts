import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { isErrorCode, PROBLEM_CONTENT_TYPE } from '@podium/protocol';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodeProcess } from './child-process';
import { type ClusterProcesses, startClusterProcesses } from './cluster-processes';
import { setUpOwnedApp } from './owned-app';
import { waitUntil } from './wait-until';

// The workload's evidence tables (see the fixture).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS fixture's constant
const { EVIDENCE_TABLES } = require('./fixtures/chaos-workload.cjs') as { EVIDENCE_TABLES: string };

type Sdk = 'dbos' | 'podium';
const FIXTURES: Record<Sdk, string> = {
  dbos: path.join(__dirname, 'fixtures', 'chaos-dbos.cjs'),
  podium: path.join(__dirname, 'fixtures', 'chaos-sdk.cjs'),
};
/** Where each SDK keeps its workflows in its system database, and their id column. */
const WORKFLOW_TABLES: Record<Sdk, { table: string; id: string }> = {
  dbos: { table: 'dbos.workflow_status', id: 'workflow_uuid' },
  podium: { table: 'podium.workflow_status', id: 'workflow_id' },
};
const GRACE_SECONDS = 5; // the least an application may set
/** Each round of chaos waits for this many more workflows to leave evidence first. */
const PROGRESS_PER_ROUND = 15;
const API_TIMEOUT_MS = 30_000;

interface Executor {
  readonly sdk: Sdk;
  process: NodeProcess;
  /** The id it reports to the control plane (a new one per process). */
  executorId: string;
}

/**
 * Three control-plane replicas (real processes) behind a real HAProxy; four executors of one
 * application sharing one system database — two unmodified DBOS 5.2.11 processes and two
 * @podium/sdk processes (each SDK in its own schema) — each starting workflows whose last step leaves evidence. Rounds of
 * chaos, each once the workload has moved on: an executor SIGKILLed and restarted, a replica
 * SIGKILLed and restarted, a replica SIGKILLed together with an executor it holds, two
 * executors killed at once; meanwhile a client keeps calling the
 * API through the load balancer. Then the workload stops and everything must settle: every
 * started workflow SUCCESS, one evidence row each, every API call answered in time with a
 * success or a documented problem.
 */
describe('chaos: replicas and executors killed under load', () => {
  let controlDb: ScratchDatabase;
  let evidenceDb: ScratchDatabase;
  /** The application's one system database: DBOS's tables in schema dbos, the SDK's in podium. */
  let systemDb: ScratchDatabase;
  let evidence: pg.Client;
  let cluster: ClusterProcesses;
  const executors: Executor[] = [];
  let env: NodeJS.ProcessEnv;
  let base: string;

  const startExecutor = async (executor: { sdk: Sdk } & Partial<Executor>) => {
    const child = startNodeProcess(
      FIXTURES[executor.sdk],
      { ...env, SYSTEM_DATABASE_URL: systemDb.url },
      { ipc: true },
    );
    const [, executorId = ''] = await child.waitForOutput(
      /CHAOS_EXECUTOR_READY \S+ \d+ (\S+)/,
      120_000,
      `${executor.sdk} executor`,
    );
    executor.process = child;
    executor.executorId = executorId;
    return executor as Executor;
  };

  beforeAll(async () => {
    controlDb = await createScratchDatabase();
    evidenceDb = await createScratchDatabase({ migrate: false });
    systemDb = await createScratchDatabase({ migrate: false });
    evidence = new pg.Client({ connectionString: evidenceDb.url });
    await evidence.connect();
    await evidence.query(EVIDENCE_TABLES);
    cluster = await startClusterProcesses({
      databaseUrl: controlDb.url,
      count: 3,
      env: { PODIUM_REPLICA_LEASE_SECONDS: '3', PODIUM_EXECUTOR_RECOVERY_SWEEP_MS: '1000' },
    });
    const owned = await setUpOwnedApp(cluster.url, {
      orgPrefix: 'chaos',
      app: { name: 'chaos', executorTimeoutSecs: GRACE_SECONDS },
      permissions: ['websocket.connect', 'application.read'],
    });
    base = owned.base;
    env = {
      ...process.env,
      APP_NAME: 'chaos',
      CONDUCTOR_URL: cluster.conductorUrl,
      CONDUCTOR_KEY: owned.apiKey,
      EVIDENCE_DATABASE_URL: evidenceDb.url,
      CHAOS_START_INTERVAL_MS: '400',
    };
    // One at a time: the first of each SDK creates its schema.
    for (const sdk of ['dbos', 'dbos', 'podium', 'podium'] as const) {
      executors.push(await startExecutor({ sdk }));
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled(executors.map((executor) => executor.process.stop()));
    await cluster?.close();
    await evidence?.end();
    for (const db of [controlDb, evidenceDb, systemDb]) await db?.drop();
  }, 120_000);

  const countOf = async (table: 'chaos_evidence' | 'chaos_attempts') =>
    Number((await evidence.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  const evidenceCount = () => countOf('chaos_evidence');

  /** Resolves once `more` workflows have left evidence since it was called. */
  const progress = async (more: number) => {
    const target = (await evidenceCount()) + more;
    await waitUntil(async () => (await evidenceCount()) >= target, 180_000, 'the workload');
  };

  const kill = async (executor: Executor) => {
    const { child } = executor.process;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const killAndRestart = async (executor: Executor) => {
    await kill(executor);
    await startExecutor(executor);
  };

  /** A replica holding an executor's link, and that executor (the first one found). */
  const replicaWithAnExecutor = async () => {
    const links = await query<{ executor_id: string; address: string }>(
      controlDb.url,
      `SELECT e.executor_id, r.address FROM executors e JOIN replicas r ON r.id = e.replica_id
        WHERE e.status = 'CONNECTED'`,
    );
    for (const { executor_id: id, address } of links) {
      const executor = executors.find((e) => e.executorId === id);
      const replica = cluster.replicas.find((r) => new URL(r.url).host === address);
      if (executor && replica) return { executor, replica };
    }
    throw new Error(`no executor link found on a replica: ${JSON.stringify(links)}`);
  };

  const query = async <R extends pg.QueryResultRow>(url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  /** The statuses of one SDK's chaos workflows, counted. */
  const statuses = async (sdk: Sdk) => {
    const rows = await query<{ status: string; n: string }>(
      systemDb.url,
      `SELECT status, count(*) AS n FROM ${WORKFLOW_TABLES[sdk].table}
        WHERE name = 'chaosWork' GROUP BY status`,
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  };

  /** What to look at when workflows stay unfinished: theirs, and the executors table. */
  const unfinishedReport = async () => ({
    workflows: await Promise.all(
      (['dbos', 'podium'] as const).map((sdk) =>
        query(
          systemDb.url,
          `SELECT ${WORKFLOW_TABLES[sdk].id} AS id, status, executor_id
             FROM ${WORKFLOW_TABLES[sdk].table}
            WHERE name = 'chaosWork' AND status <> 'SUCCESS'`,
        ),
      ),
    ),
    executors: await query(
      controlDb.url,
      `SELECT executor_id, language, status, connected_at, disconnected_at, dead_at,
              recovered_at, replica_id FROM executors ORDER BY connected_at`,
    ),
    replicas: await query(controlDb.url, 'SELECT id, address, lease_until FROM replicas'),
  });

  it('every started workflow succeeds once, with its evidence; the API never hangs', async () => {
    const api = {
      calls: 0,
      ok: 0,
      problems: {} as Record<string, number>,
      violations: [] as string[],
    };
    let calling = true;
    // Reads an operator's tools make all the time: some need an executor, some only the database.
    const paths = ['/workflows?limit=10', '/executors?status=HEALTHY', '/queues'];
    const callApi = async () => {
      for (let i = 0; calling; i++) {
        const url = `${cluster.url}${base}${paths[i % paths.length]}`;
        api.calls++;
        try {
          const res = await fetch(url, {
            headers: { authorization: `Bearer ${env.CONDUCTOR_KEY}` },
            signal: AbortSignal.timeout(API_TIMEOUT_MS),
          });
          const body = await res.text();
          if (res.ok) api.ok++;
          else recordProblem(res, body);
        } catch (error) {
          // A hang, or a connection dropped without an answer.
          const cause = (error as { cause?: unknown }).cause;
          api.violations.push(`${url}: ${String(error)} (${String(cause)}) at ${Date.now()}`);
        }
      }
    };
    const recordProblem = (res: Response, body: string) => {
      let code: unknown;
      try {
        code = (JSON.parse(body) as { code?: unknown }).code;
      } catch {
        code = undefined;
      }
      const documented =
        (res.status === 502 || res.status === 503 || res.status === 504) &&
        res.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE) === true &&
        isErrorCode(code);
      const key = `${res.status} ${String(code)}`;
      if (documented) api.problems[key] = (api.problems[key] ?? 0) + 1;
      else api.violations.push(`${res.status}: ${body.slice(0, 200)}`);
    };
    const client = callApi();

    const kills = { executors: 0, replicas: 0 };
    const [dbosA, dbosB, podiumA, podiumB] = executors as [Executor, Executor, Executor, Executor];
    try {
      await progress(PROGRESS_PER_ROUND);
      await killAndRestart(dbosA);
      kills.executors++;
      await progress(PROGRESS_PER_ROUND);
      await killAndRestart(podiumA);
      kills.executors++;
      await progress(PROGRESS_PER_ROUND);
      // A replica crashes: its executors redial through HAProxy to the others.
      const victim = cluster.replicas[1]!;
      await cluster.kill(victim, 'SIGKILL');
      kills.replicas++;
      await progress(PROGRESS_PER_ROUND);
      await cluster.restart(victim);
      await progress(PROGRESS_PER_ROUND);
      // A replica crashes with an executor it holds: a survivor adopts the lost link once the
      // lease passes, and the executor's work is recovered after the grace period.
      const both = await replicaWithAnExecutor();
      await Promise.all([kill(both.executor), cluster.kill(both.replica, 'SIGKILL')]);
      kills.executors++;
      kills.replicas++;
      await startExecutor(both.executor);
      await progress(PROGRESS_PER_ROUND);
      await cluster.restart(both.replica);
      await progress(PROGRESS_PER_ROUND);
      // Two at once, one of each SDK: each has its twin left to recover it.
      await Promise.all([killAndRestart(dbosB), killAndRestart(podiumB)]);
      kills.executors += 2;
      await progress(PROGRESS_PER_ROUND);
    } finally {
      for (const executor of executors) executor.process.child.send('stop-starting');
    }

    // Settle: every workflow started anywhere ends SUCCESS, each with one evidence row.
    const settled = await waitUntil(
      async () => {
        const counts = { dbos: await statuses('dbos'), podium: await statuses('podium') };
        const unfinished = Object.values(counts).some((byStatus) =>
          Object.keys(byStatus).some((status) => status !== 'SUCCESS'),
        );
        const evidenceRows = await evidenceCount();
        const started = (counts.dbos.SUCCESS ?? 0) + (counts.podium.SUCCESS ?? 0);
        if (unfinished || evidenceRows !== started) return undefined;
        return { counts, evidenceRows };
      },
      300_000,
      'every chaos workflow to succeed',
    ).catch(async (error: unknown) => {
      const left = { evidence: await evidenceCount(), ...(await unfinishedReport()) };
      throw new Error(`${String(error)}: ${JSON.stringify(left, null, 1)}`);
    });
    calling = false;
    await client;

    const bySdk = await evidence.query<{ sdk: Sdk; n: string }>(
      'SELECT sdk, count(*) AS n FROM chaos_evidence GROUP BY sdk',
    );
    const attempts = await countOf('chaos_attempts');
    const report = {
      workflows: { dbos: settled.counts.dbos.SUCCESS, podium: settled.counts.podium.SUCCESS },
      evidence: Object.fromEntries(bySdk.rows.map((row) => [row.sdk, Number(row.n)])),
      // A step is at least once: one killed between its effect and its checkpoint runs again.
      recordStepReplays: attempts - settled.evidenceRows,
      kills,
      api: {
        calls: api.calls,
        ok: api.ok,
        problems: api.problems,
        violations: api.violations.length,
      },
    };
    console.log(`chaos report: ${JSON.stringify(report)}`);

    expect(report.evidence).toEqual(report.workflows);
    expect(settled.evidenceRows).toBeGreaterThanOrEqual(PROGRESS_PER_ROUND * 8);
    expect(api.violations).toEqual([]);
    expect(api.ok).toBeGreaterThan(0);
  }, 1_200_000);
});
