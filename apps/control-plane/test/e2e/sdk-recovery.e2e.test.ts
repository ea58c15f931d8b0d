import { existsSync } from 'node:fs';
import path from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  ApplicationSchema,
  CreateApiKeyResponseSchema,
  GetWorkflowResponseSchema,
  ListAuditLogsResponseSchema,
  ListExecutorsResponseSchema,
  ListWorkflowsResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type NodeProcess, startNodeProcess } from './child-process';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

const EXAMPLE_MAIN = path.resolve(__dirname, '../../../example/dist/main.js');

/**
 * The core promise with @podium/sdk executors: two processes of the example app (as built), one
 * application version, one PostgreSQL database. The one running workflows is killed mid-round;
 * the control plane has the other, idle one take them over.
 */
describe('dead-executor recovery with @podium/sdk executors (the example app)', () => {
  let scratch: ScratchDatabase;
  let exampleDb: ScratchDatabase;
  let server: RunningControlPlane;
  let browser: TestBrowser;
  let busy: NodeProcess;
  let idle: NodeProcess;
  let orgName: string;
  let base: string;

  const get = async <S extends z.ZodType>(url: string, schema: S) =>
    bodyOf(await browser.get(url), schema);

  beforeAll(async () => {
    if (!existsSync(EXAMPLE_MAIN)) {
      throw new Error(
        `${EXAMPLE_MAIN} is missing: pnpm turbo run build --filter=@podium/example...`,
      );
    }
    scratch = await createScratchDatabase();
    exampleDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its schema
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
    browser = new TestBrowser(server.url);
    await signUpAndIn(browser);
    orgName = bodyOf(
      await browser.post('/v2/orgs', { name: `sdk-recovery-${Date.now().toString(36)}` }),
      OrganizationSchema,
      201,
    ).name;
    const app = bodyOf(
      await browser.post(`/v2/orgs/${orgName}/apps`, {
        name: 'example',
        executorGracePeriodSeconds: 5,
      }),
      ApplicationSchema,
      201,
    );
    base = `/v2/orgs/${orgName}/apps/${app.name}`;
    const { secret } = bodyOf(
      await browser.post(`/v2/orgs/${orgName}/tokens`, {
        name: 'example app',
        permissions: ['executor:connect'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    const example = (intervalMs: number) => {
      const child = startNodeProcess(EXAMPLE_MAIN, {
        ...process.env,
        DATABASE_URL: exampleDb.url,
        CONDUCTOR_URL: `${server.url.replace('http', 'ws')}/conductor/v1alpha1`,
        CONDUCTOR_KEY: secret,
        APP_NAME: '',
        EXAMPLE_INTERVAL_MS: String(intervalMs),
        EXAMPLE_TIME_SCALE: '0.2', // the nightly report sleeps 6 s
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
    await server?.close();
    await scratch?.drop();
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
      ).items;
    const [report] = (await pendingOnBusy()).filter((w) => w.name === 'nightlyReport');
    expect(report, 'the round starts a nightly report that sleeps 6 s').toBeDefined();

    busy.child.kill('SIGKILL');
    const dead = await waitUntil(
      async () =>
        (await get(`${base}/executors`, ListExecutorsResponseSchema)).items.find(
          (e) => e.id === busyId && e.recoveredAt !== null,
        ),
      15_000,
      'the killed executor recovered',
    );
    expect(dead.status).toBe('DEAD');
    expect(await pendingOnBusy()).toEqual([]);

    const finished = await waitUntil(
      async () => {
        const workflow = await get(`${base}/workflows/${report!.id}`, GetWorkflowResponseSchema);
        return workflow.status === 'SUCCESS' ? workflow : undefined;
      },
      15_000,
      'the nightly report to finish on the idle executor',
    );
    expect(finished.executorId).toBe(idleId);

    const audit = await get(
      `/v2/orgs/${orgName}/audit-logs?action=executor.recover`,
      ListAuditLogsResponseSchema,
    );
    expect(audit.items).toMatchObject([
      { outcome: 'SUCCESS', target: { id: busyId }, details: { recoveredBy: idleId } },
    ]);
  });
});
