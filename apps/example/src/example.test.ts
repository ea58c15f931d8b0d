import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createExampleApp, type ExampleApp, reportSchedule } from './app';
import { ExampleConfigError, loadConfig } from './config';
import { startTraffic } from './traffic';
import {
  type Behaviour,
  DEFAULT_BEHAVIOUR,
  IMPORT_CHUNKS,
  IMPORT_PROGRESS,
  type ImportProgress,
  scaleBehaviour,
} from './workflows';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('the example app on PGlite', () => {
  // One app for the file (PGlite takes seconds to boot); tests adjust its behaviour.
  const behaviour: Behaviour = {
    workMs: 5,
    reportSleepMs: 50,
    approvalTimeoutMs: 30_000, // shortened where a test wants one to expire
    paymentFailureRate: 0,
    importFailureRate: 0,
  };
  let app: ExampleApp;
  beforeAll(async () => {
    app = createExampleApp(
      {
        appName: 'example',
        database: { dataDir: 'memory://' },
        conductorUrl: 'ws://127.0.0.1:1/unused',
        conductorKey: undefined,
      },
      silent,
      behaviour,
    );
    await app.podium.launch();
  });
  afterAll(() => app.podium.shutdown());

  it('runs every workflow once', async () => {
    const { podium, workflows } = app;
    const order = await workflows.processOrder({
      orderId: 'order-1',
      items: [{ sku: 'sku-1', quantity: 2 }],
    });
    expect(order).toMatchObject({ orderId: 'order-1', amountCents: 3_998 });
    expect(order.trackingNumber).toMatch(/^TRK-/);
    const steps = await podium.listSteps(
      (await podium.listWorkflows({ workflowName: 'processOrder' }))[0]?.workflowId ?? '',
    );
    expect(steps?.map((s) => s.functionName)).toEqual([
      'validate',
      'reserveInventory',
      'chargePayment',
      'ship',
      'notifyCustomer',
    ]);

    expect(await workflows.nightlyReport('2026-11-22')).toMatch(
      /^report for 2026-11-22: \d+ rows$/,
    );

    const approved = await workflows.approval.start(['expense-1']);
    await podium.send(approved.workflowId, 'approve', 'decision');
    expect(await approved.getResult()).toBe('expense-1 approved');
    behaviour.approvalTimeoutMs = 200;
    expect(await workflows.approval('expense-2')).toBe('expense-2 expired');
    behaviour.approvalTimeoutMs = 30_000;

    const thumbnails = await Promise.all(
      ['a.jpg', 'b.jpg', 'c.jpg'].map((image) =>
        workflows.thumbnail.start([image], { queueName: 'media' }),
      ),
    );
    for (const handle of thumbnails) expect(await handle.getResult()).toMatch(/256×256$/);

    expect(await workflows.importBatch('batch-1')).toMatch(/^batch-1: \d+ rows imported$/);
  });

  it('reports every minute on a schedule, which can also be triggered now', async () => {
    const { podium } = app;
    const schedule = await podium.schedules.get(reportSchedule('example'));
    expect(schedule).toMatchObject({
      workflowName: 'scheduledReport',
      cron: '* * * * *',
      context: { report: 'orders' },
      status: 'ACTIVE',
    });
    const run = await podium.schedules.trigger<string>(reportSchedule('example'));
    expect(await run.getResult()).toMatch(
      /^orders report for \d{4}-\d{2}-\d{2}T\d{2}:\d{2}: \d+ rows$/,
    );
  });

  it('leaves a failed import to fork from its failing step', async () => {
    const { podium, workflows } = app;
    behaviour.importFailureRate = 1;
    const failed = await workflows.importBatch.start(['batch-2']);
    await expect(failed.getResult()).rejects.toMatchObject({ code: 'MALFORMED_ROW' });
    behaviour.importFailureRate = 0; // the bad row got fixed
    const fork = await podium.forkWorkflow<string>(failed.workflowId, 1);
    expect(await fork.getResult()).toMatch(/^batch-2: \d+ rows imported$/);
  });

  it('streams an import’s progress, chunk by chunk, to the end', async () => {
    const { podium, workflows } = app;
    const handle = await workflows.importBatch.start(['batch-3']);
    const progress: ImportProgress[] = [];
    for await (const value of podium.readStream<ImportProgress>(
      handle.workflowId,
      IMPORT_PROGRESS,
    )) {
      progress.push(value);
    }
    expect(progress).toHaveLength(IMPORT_CHUNKS);
    const total = progress[0]?.total ?? 0;
    expect(progress.map((p) => p.total)).toEqual(Array(IMPORT_CHUNKS).fill(total));
    expect(progress.at(-1)?.loaded).toBe(total);
    expect(await handle.getResult()).toBe(`batch-3: ${total} rows imported`);
  });

  it('keeps starting workflows until stopped', async () => {
    const { podium, workflows } = app;
    const before = await podium.listWorkflows({ loadInput: false });
    const rounds: unknown[] = [];
    const logger = {
      ...silent,
      info: (fields: unknown, message: string) => {
        if (message === 'started a round of workflows') rounds.push(fields);
      },
    };
    const traffic = startTraffic(podium, workflows, { intervalMs: 100, logger });
    // The first round starts at once, the next on the interval: two rounds logged means it
    // kept going.
    await vi.waitFor(() => expect(rounds.length).toBeGreaterThanOrEqual(2), { timeout: 120_000 });
    await traffic.stop();
    // Runs of the schedule may start meanwhile: they are not the traffic's.
    const started = (await podium.listWorkflows({ loadInput: false }))
      .slice(before.length)
      .filter((w) => w.scheduleName === null);
    const names = new Set(started.map((w) => w.workflowName));
    expect(names).toEqual(
      new Set(['processOrder', 'thumbnail', 'importBatch', 'approval', 'nightlyReport']),
    );
  });
});

describe('loadConfig', () => {
  it('defaults to PGlite, a local control plane and the app name "example"', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      appName: 'example',
      conductorUrl: 'ws://127.0.0.1:8090/conductor/v1alpha1',
      conductorKey: undefined,
      intervalMs: 4_000,
      timeScale: 1,
    });
    expect(config.database).toEqual({
      dataDir: expect.stringMatching(/\.data\/example$/) as string,
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set and rejects nonsense', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/app' }).database).toEqual({
      databaseUrl: 'postgresql://localhost/app',
    });
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', EXAMPLE_INTERVAL_MS: '-1' })).toThrow(
      ExampleConfigError,
    );
  });

  it('scales every simulated duration by EXAMPLE_TIME_SCALE', () => {
    const { timeScale } = loadConfig({ EXAMPLE_TIME_SCALE: '0.1' });
    expect(scaleBehaviour(DEFAULT_BEHAVIOUR, timeScale)).toMatchObject({
      workMs: 40,
      reportSleepMs: 3_000,
      approvalTimeoutMs: 6_000,
      paymentFailureRate: DEFAULT_BEHAVIOUR.paymentFailureRate,
    });
    for (const bad of ['0', '-1', 'fast']) {
      expect(() => loadConfig({ EXAMPLE_TIME_SCALE: bad })).toThrow(/EXAMPLE_TIME_SCALE/);
    }
  });
});
