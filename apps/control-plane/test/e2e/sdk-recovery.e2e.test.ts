import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  GetWorkflowResponseSchema,
  ListAuditLogsResponseSchema,
  ListExecutorsResponseSchema,
  ListWorkflowsResponseSchema,
} from '@podium/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { NodeProcess } from './child-process';
import { startExample } from './example-process';
import { setUpOwnedApp } from './owned-app';
import { scrape } from './prometheus-scrape';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { type TestBrowser, bodyOf } from './test-browser';
import { waitUntil } from './wait-until';

const GRACE_SECONDS = 10;

/**
 * The core promise with @podium/sdk executors: two processes of the example app (as built), one
 * application version, one PostgreSQL database. The one running workflows is killed mid-round;
 * the control plane has the other, idle one take them over.
 */
describe('dead-executor recovery with @podium/sdk executors (the example app)', () => {
  let exampleDb: ScratchDatabase;
  let server: RunningControlPlane;
  let browser: TestBrowser;
  let busy: NodeProcess;
  let idle: NodeProcess;
  let orgName: string;
  let base: string;

  const get = async <S extends z.ZodType>(url: string, schema: S) =>
    bodyOf(await browser.get(url), schema);

  const stack = usePostgresControlPlane();

  beforeAll(async () => {
    exampleDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its schema
    server = stack.server;
    const owned = await setUpOwnedApp(server.url, {
      orgPrefix: 'sdk-recovery',
      // Longer than the search after the kill can take on a loaded machine (see the test).
      app: { name: 'example', executorTimeoutSecs: GRACE_SECONDS },
      permissions: ['websocket.connect'],
    });
    ({ owner: browser, orgName, base } = owned);
    const example = (intervalMs: number) => {
      const child = startExample({
        databaseUrl: exampleDb.url,
        conductorUrl: server.conductorUrl,
        conductorKey: owned.apiKey,
        intervalMs: String(intervalMs),
        timeScale: '0.2', // the nightly report sleeps 6 s
      });
      return child
        .waitForOutput(/connected to the conductor/, 60_000, 'the example to connect')
        .then(() => child);
    };
    idle = await example(0); // first: it migrates the database; it starts no workflows
    busy = await example(600_000); // one round of workflows, at once
    await busy.waitForOutput(/started a round of workflows/, 30_000, 'a round of workflows');
  }, 120_000);

  afterEach(({ task }) => {
    if (task.result?.state !== 'fail') return;
    console.log(`idle example (end):\n${idle?.output().split('\n').slice(-40).join('\n')}`);
  });

  afterAll(async () => {
    busy?.child.kill('SIGKILL');
    await idle?.stop();
    await exampleDb?.drop();
  });

  it('hands the killed executor’s pending workflows to the live one', async () => {
    const [busyId, idleId] = [busy, idle].map(
      (p) => /"executorId":"([^"]+)"/.exec(p.output())?.[1] ?? '',
    );
    const pendingOnBusy = async () =>
      bodyOf(
        await browser.post(`${base}/workflows/search`, {
          executorId: [busyId],
          status: ['PENDING'],
        }),
        ListWorkflowsResponseSchema,
      );
    // Killed first, so the report (6 s of sleep) cannot finish there however slow the machine;
    // the idle executor answers the search, and nothing moves before the grace period ends.
    busy.child.kill('SIGKILL');
    const [report] = (await pendingOnBusy()).filter((w) => w.workflowName === 'nightlyReport');
    expect(report, 'the round started a nightly report').toBeDefined();
    const dead = await waitUntil(
      async () =>
        (await get(`${base}/executors`, ListExecutorsResponseSchema)).find(
          (e) => e.executorId === busyId && e.recoveredAt !== null,
        ),
      GRACE_SECONDS * 1_000 + 15_000,
      'the killed executor recovered',
    );
    expect(dead.status).toBe('DEAD');
    expect(await pendingOnBusy()).toEqual([]);

    const finished = await waitUntil(
      async () => {
        const workflow = await get(
          `${base}/workflows/${report!.workflowId}`,
          GetWorkflowResponseSchema,
        );
        return workflow.status === 'SUCCESS' ? workflow : undefined;
      },
      15_000,
      'the nightly report to finish on the idle executor',
    );
    expect(finished.executorId).toBe(idleId);

    const audit = await get(
      `/v2/orgs/${orgName}/audit-logs?operation=executor.recover`,
      ListAuditLogsResponseSchema,
    );
    expect(audit).toMatchObject([
      { status: 'success', target: { id: busyId }, details: { recoveredBy: idleId } },
    ]);

    // The control plane's own metrics saw the same: one recovery sent, confirmed, none failed.
    const metrics = await scrape(`${server.url}/metrics`);
    for (const [stage, count] of [
      ['started', 1],
      ['confirmed', 1],
      ['failed', 0],
    ] as const) {
      expect(metrics.value('podium_executor_recoveries_total', { stage }), stage).toBe(count);
    }
  }, 60_000);
});
