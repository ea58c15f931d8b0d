import { randomBytes } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { ExportWorkflowResponseSchema, StepAggregatesResponseSchema } from '@podium/protocol';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { OperatorSurface } from './operator-surface';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * The operator surface of `dbos-operator-surface.e2e.test.ts`, against an @podium/sdk app (in
 * this process, on its own PostgreSQL database): the same workflow history and schedule, the
 * same checks, so both kinds of executor answer the control plane alike.
 */
describe('the operator surface against an @podium/sdk executor', () => {
  let appDb: ScratchDatabase;
  let server: RunningControlPlane;
  let podium: Podium;
  let surface: OperatorSurface;
  const chatty = 'chatty-1';
  const BULKY = 'bulky-1';

  // Frames big enough for the export of `bulky` (the default test limit is 1 MiB).
  const stack = usePostgresControlPlane({ executors: { maxFrameBytes: 8 * 1024 * 1024 } });

  beforeAll(async () => {
    appDb = await createScratchDatabase({ migrate: false }); // the SDK migrates its own schema
    server = stack.server;
    const f = factories(server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const key = (await f.newApiKey(org.id)).secret;
    surface = new OperatorSurface(
      apiClient(server.url),
      `/v2/orgs/${org.name}/apps/${app.name}`,
      key,
    );

    podium = new Podium({
      appName: app.name,
      databaseUrl: appDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
      queuePollIntervalMs: 50,
      pollIntervalMs: 50,
    });
    const chattyWorkflow = podium.workflow('chatty', async (ctx, name: string) => {
      await ctx.setEvent('status', `greeting ${name}`);
      await ctx.writeStream('lines', 'first line');
      await ctx.writeStream('lines', 'second line');
      await ctx.closeStream('lines');
      const message = await ctx.recv<string>('inbox', 60_000);
      await ctx.setEvent('received', message);
      return message;
    });
    const sender = podium.workflow('sender', async (ctx, to: string) => {
      await ctx.send(to, 'left unread', 'later');
      await ctx.send(to, 'hello there', 'inbox');
    });
    const nightly = podium.workflow('nightly', async (ctx, at: Date, context: { team: string }) =>
      ctx.step('report', () => `report for ${context.team} at ${at.toISOString()}`),
    );
    // An output that does not compress: its export is larger than 1 MiB.
    const bulky = podium.workflow('bulky', async (ctx) =>
      ctx.step('fill', () => randomBytes(1_200_000).toString('base64')),
    );
    podium.schedule('nightly-report', '0 3 * * *', nightly, {
      context: { team: 'ops' },
      cronTimezone: 'UTC', // no DST: three ticks in any 72 hours
    });
    await podium.launch();
    const handle = await chattyWorkflow.start(['podium'], { workflowId: chatty });
    await (await sender.start([chatty])).getResult();
    await handle.getResult();
    await (await bulky.start([], { workflowId: BULKY })).getResult();
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(app.id)[0], 15_000, 'SDK link');
  }, 90_000);

  afterAll(async () => {
    await podium?.shutdown();
    await appDb?.drop();
  });

  it("reads a workflow's events, messages (consumed or not) and streams", () =>
    surface.expectChattyHistory(chatty));

  it('exports a workflow, and imports it back after it was deleted', () =>
    surface.expectExportImportRoundTrip(chatty));

  it('imports an export larger than the 1 MiB other bodies are held to', async () => {
    const exported = await surface.get(`/workflows/${BULKY}/export`);
    const { serializedWorkflow } = ExportWorkflowResponseSchema.parse(exported.body);
    expect(serializedWorkflow.length).toBeGreaterThan(1024 * 1024);
    expect((await surface.api('delete', `/workflows/${BULKY}`)).status).toBe(200);
    const imported = await surface.post('/workflows/import', { serializedWorkflow });
    expect(imported).toMatchObject({ status: 201, body: { workflowIds: [BULKY] } });
    expect(await surface.statusOf(BULKY)).toBe('SUCCESS');
  });

  it('refuses an export of DBOS TypeScript before the SDK sees it', () =>
    surface.expectImportRefused(
      { workflowId: 'from-dbos', serialization: 'js_superjson' },
      'DBOS TypeScript',
    ));

  it('lists and reads schedules, with their context only when asked', () =>
    surface.expectSchedulesRead());

  it('pauses and resumes a schedule: its status really changes', () =>
    surface.expectSchedulePauseResume());

  it('triggers a run now and backfills one run per tick of a past window', () =>
    surface.expectTriggerAndBackfill());

  it('aggregates completed steps by name', async () => {
    const res = await surface.post('/steps/aggregates', { groupByFunctionName: true });
    const rows = StepAggregatesResponseSchema.parse(res.body);
    const report = rows.find((row) => Object.values(row.group).includes('report'));
    // The triggered run and three backfilled ones (a real 03:00 tick may add one).
    expect(report?.count).toBeGreaterThanOrEqual(4);
  });

  it('makes a version the latest: its timestamp moves to now', () =>
    surface.expectVersionPromotion());
});
