import os from 'node:os';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  CancelWorkflowResponseSchema,
  ForkWorkflowResponseSchema,
  GetWorkflowResponseSchema,
  ListExecutorsResponseSchema,
  ListWorkflowStepsResponseSchema,
  ListWorkflowsResponseSchema,
  ResumeWorkflowResponseSchema,
  type Workflow,
} from '@podium/protocol';
import { Podium, type WorkflowStatusType } from '@podium/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { NodeProcess } from './child-process';
import { startExample } from './example-process';
import { setUpOwnedApp } from './owned-app';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { type TestBrowser, bodyOf } from './test-browser';
import { waitUntil } from './wait-until';

/** The example's simulated durations, halved: the nightly report sleeps 15 s, not 30 s. */
const TIME_SCALE = '0.5';

interface Order {
  orderId: string;
  paymentId: string;
  amountCents: number;
  trackingNumber: string;
}

/**
 * The example app (apps/example, as built) is the executor: a newcomer's path through the HTTP
 * API, as the console takes it (sign up, an organization, an application named as the example
 * names itself by default, an API key that may only connect executors), then
 * `node apps/example/dist/main.js` with that key, on its own PostgreSQL database. Through the
 * API it shows up as an executor, its workflows are listed, and one is cancelled and resumed,
 * another forked. What the API says is checked against the example's log and its database.
 */
describe('the example app as an executor of the control plane', () => {
  let exampleDb: ScratchDatabase;
  let server: RunningControlPlane;
  let example: NodeProcess;
  /**
   * Reads the example's database through the SDK. It runs nothing: no workflow is registered,
   * so it claims none, and its executor id and version are its own, so it recovers none.
   */
  let observer: Podium;
  let browser: TestBrowser;
  let base: string;
  /** What the example logged when it started: its executor id and application version. */
  let started: { executorId: string; version: string };

  const api = {
    get: async <S extends z.ZodType>(url: string, schema: S) =>
      bodyOf(await browser.get(`${base}${url}`), schema),
    // Asking for the result, as the console does (cancel and resume answer 204 otherwise).
    post: async <S extends z.ZodType>(url: string, body: unknown, schema: S, status = 200) =>
      bodyOf(
        await browser.post(`${base}${url}`, body, {
          headers: { prefer: 'return=representation' },
        }),
        schema,
        status,
      ),
  };
  const listed = async (query = '') =>
    await api.get(`/workflows?limit=100${query}`, ListWorkflowsResponseSchema);
  const statusInApp = async (workflowId: string) =>
    (await observer.getWorkflowStatus(workflowId))?.status;
  const untilInApp = (workflowId: string, statuses: WorkflowStatusType[], timeoutMs = 15_000) =>
    waitUntil(
      async () => {
        const status = await statusInApp(workflowId);
        return status !== undefined && statuses.includes(status);
      },
      timeoutMs,
      `${workflowId} ${statuses.join('|')} in the example's database`,
    );

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    exampleDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its schema
    server = stack.server;
    // The key may only connect executors: what the console suggests for CONDUCTOR_KEY.
    const owned = await setUpOwnedApp(server.url, {
      orgPrefix: 'example',
      app: { name: 'example' },
      permissions: ['websocket.connect'],
    });
    ({ owner: browser, base } = owned);
    example = startExample({
      databaseUrl: exampleDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: owned.apiKey,
      intervalMs: '',
      timeScale: TIME_SCALE,
    });
    const [, fields = '{}'] = await example.waitForOutput(
      /example app running; Ctrl-C to stop (\{.*\})/,
      60_000,
      'the example to start',
    );
    started = JSON.parse(fields) as typeof started;
    await example.waitForOutput(/connected to the conductor/, 30_000, 'the example to connect');

    observer = new Podium({
      appName: 'example', // listings are scoped to the application
      databaseUrl: exampleDb.url,
      executorId: 'e2e-observer',
      applicationVersion: 'e2e-observer',
    });
    await observer.launch();
  }, 120_000);

  afterEach(({ task }) => {
    if (task.result?.state !== 'fail') return;
    console.log(
      `the example's output (end):\n${example?.output().split('\n').slice(-60).join('\n')}`,
    );
  });

  afterAll(async () => {
    await example?.stop();
    await observer?.shutdown();
    await exampleDb?.drop();
  });

  it('shows up as a HEALTHY executor with its metadata', async () => {
    const items = await api.get('/executors', ListExecutorsResponseSchema);
    expect(items).toEqual([
      expect.objectContaining({
        executorId: started.executorId,
        status: 'HEALTHY',
        language: 'typescript',
        dbosVersion: expect.stringMatching(/^podium-sdk\/\d+\.\d+\.\d+/) as string,
        appVersion: started.version,
        hostname: os.hostname(),
        executorMetadata: { app: '@podium/example', pid: example.child.pid },
      }),
    ]);
  });

  it('has its workflows listed: every kind it runs, the same ones its database holds', async () => {
    const names = ['processOrder', 'thumbnail', 'importBatch', 'approval', 'nightlyReport'];
    const workflows = await waitUntil(
      async () => {
        const items = await listed();
        return names.every((name) => items.some((w) => w.workflowName === name))
          ? items
          : undefined;
      },
      15_000,
      'one workflow of each kind',
    );
    expect(workflows.every((w) => w.applicationName === 'example')).toBe(true);
    // The order it logged starting is there.
    const [, order = ''] =
      /started a round of workflows \{"round":1,"order":"([^"]+)"/.exec(example.output()) ?? [];
    expect(workflows.map((w) => w.workflowId)).toContain(order);
    // And so is every listed workflow in the example's own database, under the same name.
    const inApp = new Map((await observer.listWorkflows()).map((w) => [w.workflowId, w]));
    for (const w of workflows) expect(inApp.get(w.workflowId)?.workflowName).toBe(w.workflowName);
  });

  let report: Workflow;

  it("cancels a sleeping nightly report and resumes it: the example's database agrees", async () => {
    // Every sixth round (4 s apart) starts a report that sleeps 15 s. Whatever the earlier tests
    // took, wait for one with most of its sleep ahead, so it is still asleep when cancelled.
    report = await waitUntil(
      async () =>
        (await listed('&workflowName=nightlyReport&status=PENDING')).find(
          (w) => w.createdAt !== null && Date.now() - Date.parse(w.createdAt) < 8_000,
        ),
      30_000,
      'a nightly report that started less than 8 s ago',
    );

    const cancelled = await api.post(
      `/workflows/${report.workflowId}/cancel`,
      undefined,
      CancelWorkflowResponseSchema,
    );
    expect(cancelled).toEqual({
      workflowId: report.workflowId,
      outcome: 'SUCCESS',
      status: 'CANCELLED',
    });
    expect(await statusInApp(report.workflowId)).toBe('CANCELLED');
    expect(
      (await api.get(`/workflows/${report.workflowId}`, GetWorkflowResponseSchema)).status,
    ).toBe('CANCELLED');

    const resumed = await api.post(
      `/workflows/${report.workflowId}/resume`,
      undefined,
      ResumeWorkflowResponseSchema,
    );
    expect(resumed).toMatchObject({ workflowId: report.workflowId, outcome: 'SUCCESS' });
    expect(resumed.status).not.toBe('CANCELLED');
    await untilInApp(report.workflowId, ['PENDING', 'SUCCESS']);
  }, 60_000);

  it('forks a finished order from its ship step: payment replayed, shipping run again', async () => {
    const original = await waitUntil(
      async () => (await listed('&workflowName=processOrder&status=SUCCESS'))[0],
      20_000,
      'a successful order',
    );
    const steps = await api.get(
      `/workflows/${original.workflowId}/steps`,
      ListWorkflowStepsResponseSchema,
    );
    expect(steps.map((s) => s.stepName)).toEqual([
      'validate',
      'reserveInventory',
      'chargePayment',
      'ship',
      'notifyCustomer',
    ]);
    const ship = steps.find((s) => s.stepName === 'ship')!;

    const fork = await api.post(
      `/workflows/${original.workflowId}/fork`,
      { startStep: ship.stepId },
      ForkWorkflowResponseSchema,
      201,
    );
    // DBOS Conductor's answer names the fork; Podium's also what it was forked from.
    expect(fork.forkedFrom).toBe(original.workflowId);
    expect(fork.workflowId).toBe(fork.newWorkflowId);
    expect(fork.newWorkflowId).not.toBe(original.workflowId);
    await untilInApp(fork.newWorkflowId, ['SUCCESS']);

    const forked = await api.get(`/workflows/${fork.newWorkflowId}`, GetWorkflowResponseSchema);
    expect(forked).toMatchObject({
      status: 'SUCCESS',
      workflowName: 'processOrder',
      forkedFrom: original.workflowId,
    });
    const before = (await observer.getWorkflowStatus(original.workflowId))?.output as Order;
    const after = (await observer.getWorkflowStatus(fork.newWorkflowId))?.output as Order;
    expect(after).toMatchObject({
      orderId: before.orderId,
      paymentId: before.paymentId,
      amountCents: before.amountCents,
    });
    expect(after.trackingNumber).not.toBe(before.trackingNumber);
  });

  it('finishes the resumed report from where it stopped', { timeout: 45_000 }, async () => {
    // Its durable sleep ends when it was due to (15 s after it started), not 15 s after the
    // resume; the metrics gathered before the cancel are replayed, not gathered again.
    await untilInApp(report.workflowId, ['SUCCESS'], 40_000);
    const inApp = await observer.getWorkflowStatus(report.workflowId);
    const steps = await api.get(
      `/workflows/${report.workflowId}/steps`,
      ListWorkflowStepsResponseSchema,
    );
    const rows = steps.find((s) => s.stepName === 'gatherMetrics')?.output;
    expect(inApp?.output).toBe(`report for ${String(inApp?.input?.[0])}: ${rows} rows`);
    const done = await api.get(`/workflows/${report.workflowId}`, GetWorkflowResponseSchema);
    expect(done).toMatchObject({ status: 'SUCCESS', output: `'${String(inApp?.output)}'` });
  });

  it('stops cleanly on SIGTERM and is then stopped', async () => {
    expect(await example.stop()).toBe(0);
    await waitUntil(
      async () => (await api.get('/executors', ListExecutorsResponseSchema))[0]?.stopped === true,
      10_000,
      'a stopped executor',
    );
  });
});
