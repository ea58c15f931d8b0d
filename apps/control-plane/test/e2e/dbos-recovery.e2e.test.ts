import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  ApplicationSchema,
  GetWorkflowResponseSchema,
  ListAuditLogsResponseSchema,
  ListExecutorsResponseSchema,
  LiveEventSchema,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { openSse } from './sse-client';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { type TestBrowser, bodyOf } from './test-browser';
import { setUpOwnedApp } from './owned-app';
import { waitUntil } from './wait-until';

/**
 * The core promise with unmodified DBOS Transact 5.2.11 apps: two executor processes of one
 * application and version share a system database; one is killed in the middle of a workflow,
 * and the control plane has the other finish it. (DBOS executors with a conductor never
 * recover on their own, and a new process has a new executor id.)
 */
describe('dead-executor recovery with real DBOS Transact 5.2.11 executors', () => {
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let owner: TestBrowser;
  let api: ReturnType<typeof apiClient>;
  let survivor: DbosExecutorProcess;
  let victim: DbosExecutorProcess;
  let orgName: string;
  let base: string;
  let key: string;

  // No sweep after the one at boot: only the deadline's own timer can declare the executor
  // dead within the test.
  const stack = usePostgresControlPlane({ executors: { recoverySweepMs: 60 * 60_000 } });

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = stack.server;
    api = apiClient(server.url);
    ({
      owner,
      orgName,
      base,
      apiKey: key,
    } = await setUpOwnedApp(server.url, {
      orgPrefix: 'recovery',
      app: { name: 'payments' },
      permissions: ['websocket.connect', 'application.read'],
    }));
    // The smallest grace period the API allows: the default minute would slow the suite.
    expect((await owner.patch(base, { executorTimeoutSecs: 5 })).status).toBe(204);
    expect(bodyOf(await owner.get(base), ApplicationSchema).executorTimeoutSecs).toBe(5);
    const executor = (scenario?: 'recovery') =>
      startDbosExecutor({
        appName: 'payments',
        conductorUrl: server.conductorUrl,
        apiKey: key,
        systemDatabaseUrl: dbosSystemDb.url,
        scenario,
      });
    survivor = await executor(); // first: it creates the system database
    victim = await executor('recovery');
  }, 120_000);

  afterAll(async () => {
    await victim?.stop();
    await survivor?.stop();
    await dbosSystemDb?.drop();
  });

  it('has a live executor of the same version finish the workflows of a killed one', async () => {
    const workflowId = victim.workflows.napping ?? '';
    const getWorkflow = async () =>
      GetWorkflowResponseSchema.parse(
        (await api('get', `${base}/workflows/${workflowId}`, { key })).body,
      );
    const executors = async () =>
      ListExecutorsResponseSchema.parse((await api('get', `${base}/executors`, { key })).body);

    const before = await getWorkflow();
    expect(before.status).toBe('PENDING');
    const victimId = before.executorId;
    const listed = await waitUntil(
      async () => {
        const items = await executors();
        return items.length === 2 && items.every((e) => e.status === 'HEALTHY') ? items : undefined;
      },
      10_000,
      'both executors connected',
    );
    const survivorExecutor = listed.find((e) => e.executorId !== victimId);
    expect(listed.map((e) => e.appVersion)).toEqual([before.appVersion, before.appVersion]);
    const sse = await openSse(`${server.url}${base}/events`, { authorization: `Bearer ${key}` });

    victim.child.kill('SIGKILL');
    const disconnected = await waitUntil(
      async () =>
        (await executors()).find((e) => e.executorId === victimId && e.status === 'DISCONNECTED'),
      10_000,
      'the killed executor disconnected',
    );
    const dead = LiveEventSchema.parse((await sse.next('executor.dead', 15_000)).data);
    expect(dead.type === 'executor.dead' && dead.executor).toMatchObject({
      executorId: victimId,
      status: 'DEAD',
    });
    const recovered = LiveEventSchema.parse((await sse.next('executor.recovered', 15_000)).data);
    expect(recovered.type === 'executor.recovered' && recovered.executor).toMatchObject({
      executorId: victimId,
      status: 'DEAD',
    });
    sse.close();

    const record = (await executors()).find((e) => e.executorId === victimId);
    expect(record).toMatchObject({ status: 'DEAD' });
    const graceMs =
      Date.parse(record?.deadAt ?? '') - Date.parse(disconnected.disconnectedAt ?? '');
    // Not before its deadline; declared by its timer (no sweep runs during the test).
    expect(graceMs).toBeGreaterThanOrEqual(5_000);
    expect(record?.recoveredAt).not.toBeNull();

    // The survivor finished it, past the first step checkpointed on the victim (the workflow
    // cannot finish where it started, so the victim could not have done it before the kill).
    const after = await waitUntil(
      async () => {
        const workflow = await getWorkflow();
        return workflow.status === 'SUCCESS' ? workflow : undefined;
      },
      20_000,
      'the workflow to finish on the survivor',
    );
    expect(after).toMatchObject({
      executorId: survivorExecutor?.executorId,
      appVersion: before.appVersion,
    });
    expect(after.output).toContain(
      `started on ${victimId}, finished on ${survivorExecutor?.executorId}`,
    );

    const audit = bodyOf(
      await owner.get(`/v2/orgs/${orgName}/audit-logs?operation=executor.recover`),
      ListAuditLogsResponseSchema,
    );
    expect(audit).toMatchObject([
      {
        subject: null,
        status: 'success',
        target: { type: 'executor', id: victimId },
        details: {
          applicationVersion: before.appVersion,
          recoveredBy: survivorExecutor?.executorId,
        },
      },
    ]);
    expect(server.logs.join('')).not.toContain(key);
  });
});
