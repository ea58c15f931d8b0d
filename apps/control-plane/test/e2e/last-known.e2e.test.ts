import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  GetWorkflowResponseSchema,
  ListWorkflowsResponseSchema,
  type Workflow,
} from '@podium/protocol';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { LastKnownIndex } from '../../src/modules/workflows/last-known/last-known-index';
import { LastKnownSync } from '../../src/modules/workflows/last-known/last-known-sync';
import { mapLastKnownWorkflow } from '../../src/modules/workflows/last-known/last-known.mapper';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { pageOf } from './test-browser';
import { waitUntil } from './wait-until';

const MAX_ROWS = 6;

/**
 * The last-known index end to end: a @podium/sdk app answers the console's reads, which fill
 * the index; once the app stops, the same endpoints answer from the index, marked, with
 * metadata only, within the tenant, and within the configured bounds.
 */
describe('the last-known index', () => {
  let appDb: ScratchDatabase;
  let server: RunningControlPlane;
  let podium: Podium;
  let api: ReturnType<typeof apiClient>;
  let db: Database;
  let index: LastKnownIndex;
  let org: { id: string; name: string };
  let app: { id: string; name: string };
  let base: string;
  let key: string;
  const ids = { success: 'lk-compose-1', error: 'lk-failing-1', pending: 'lk-waiting-1' };
  const unseen = 'lk-synced-1';

  const indexedIds = async () =>
    (
      await db.prisma.lastKnownWorkflow.findMany({
        where: { applicationId: app.id },
        orderBy: { workflowId: 'asc' },
      })
    ).map((r) => r.workflowId);

  const stack = usePostgresControlPlane({ lastKnown: { maxRowsPerApp: MAX_ROWS } });

  beforeAll(async () => {
    appDb = await createScratchDatabase({ migrate: false });
    server = stack.server;
    api = apiClient(server.url);
    db = server.app.get<Database>(DATABASE);
    index = server.app.get(LastKnownIndex);
    const f = factories(server.app);
    org = await f.newOrg();
    app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;

    podium = new Podium({
      appName: app.name,
      databaseUrl: appDb.url,
      conductorUrl: server.conductorUrl,
      conductorKey: key,
      queuePollIntervalMs: 50,
      pollIntervalMs: 50,
    });
    const compose = podium.workflow('compose', async (ctx, name: string) =>
      ctx.step('greet', () => `secret greeting for ${name}`),
    );
    const failing = podium.workflow('failing', async (ctx, order: string) =>
      ctx.step('charge', (): string => {
        throw new Error(`card declined for ${order}: ${'x'.repeat(2_000)}`);
      }),
    );
    const waiting = podium.workflow(
      'waiting',
      async (ctx, topic: string) => (await ctx.recv<string>(topic, 300_000)) ?? 'timed out',
    );
    await podium.launch();
    await (await compose.start(['podium'], { workflowId: ids.success })).getResult();
    await (await failing.start(['order-1'], { workflowId: ids.error })).getResult().catch(() => 0);
    await waiting.start(['go'], { workflowId: ids.pending });
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(app.id)[0], 15_000, 'SDK link');

    // Listed and opened while connected: what the console asks for fills the index.
    const listed = await api('get', `${base}/workflows?loadInput=true&loadOutput=true`, { key });
    expect(listed.status).toBe(200);
    expect(pageOf(listed, ListWorkflowsResponseSchema).lastKnown).toBeUndefined();
    expect((await api('get', `${base}/workflows/${ids.success}`, { key })).status).toBe(200);
    await index.flush();

    // The periodic sync finds a workflow no one has looked at yet.
    await (await compose.start(['sync'], { workflowId: unseen })).getResult();
    await server.app.get(LastKnownSync).sync();

    await podium.shutdown();
    await waitUntil(() => registry.forApplication(app.id).length === 0, 15_000, 'link closed');
  }, 120_000);

  afterAll(async () => {
    await podium?.shutdown();
    await appDb?.drop();
  });

  it('was filled from the answers that passed through and from the sync', async () => {
    expect(await indexedIds()).toEqual([ids.error, ids.success, unseen, ids.pending].sort());
  });

  it('lists from the index when no executor is connected, marked, without payloads', async () => {
    const res = await api('get', `${base}/workflows?loadInput=true&loadOutput=true`, { key });
    expect(res.status).toBe(200);
    const page = pageOf(res, ListWorkflowsResponseSchema);
    expect(page.lastKnown).toEqual({
      at: expect.any(String) as string,
      reason: 'no executor connected',
    });
    expect(page.total).toBe(4);
    expect(page.items.map((w) => w.workflowId)).toEqual([
      unseen,
      ids.pending,
      ids.error,
      ids.success,
    ]);
    for (const w of page.items) {
      expect(w).toMatchObject({ input: null, output: null, executorId: podium.executorId });
    }
    const failed = page.items.find((w) => w.workflowId === ids.error) as Workflow;
    expect(failed).toMatchObject({ status: 'ERROR', workflowName: 'failing' });
    expect(failed.error).toContain('card declined for order-1');
    expect(failed.error?.length).toBeLessThanOrEqual(500);
    expect(JSON.stringify(res.body)).not.toContain('secret greeting');
  });

  it('honours the filters it can and keeps the 503 for those it cannot', async () => {
    const search = (body: unknown) => api('post', `${base}/workflows/search`, { key, body });
    const errors = pageOf(
      await search({ status: ['ERROR', 'PENDING'], sortDesc: false }),
      ListWorkflowsResponseSchema,
    );
    expect(errors.items.map((w) => w.workflowId)).toEqual([ids.error, ids.pending]);
    const named = pageOf(
      await search({ workflowName: ['compose'], limit: 1, offset: 1 }),
      ListWorkflowsResponseSchema,
    );
    expect(named).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(named.items.map((w) => w.workflowId)).toEqual([ids.success]);
    const prefixed = await api('get', `${base}/workflows?workflowIdPrefix=lk-fail`, { key });
    expect(pageOf(prefixed, ListWorkflowsResponseSchema).items.map((w) => w.workflowId)).toEqual([
      ids.error,
    ]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = pageOf(await search({ startTime: future }), ListWorkflowsResponseSchema);
    expect(none.items).toEqual([]);
    const byUser = await search({ user: ['alice'] });
    expect(byUser.status).toBe(503);
    expect(byUser.body.code).toBe('EXECUTOR_UNAVAILABLE');
  });

  it('serves one workflow from the index, marked, without payloads', async () => {
    const res = await api('get', `${base}/workflows/${ids.success}`, { key });
    expect(res.status).toBe(200);
    const workflow = GetWorkflowResponseSchema.parse(res.body);
    expect(workflow).toMatchObject({
      workflowId: ids.success,
      status: 'SUCCESS',
      workflowName: 'compose',
      input: null,
      output: null,
      lastKnown: { reason: 'no executor connected' },
    });
    const missing = await api('get', `${base}/workflows/not-indexed`, { key });
    expect(missing.status).toBe(503);
    // Steps need a live executor.
    expect((await api('get', `${base}/workflows/${ids.success}/steps`, { key })).status).toBe(503);
  });

  it('keeps tenants apart', async () => {
    const f = factories(server.app);
    const other = await f.newOrg();
    const otherKey = (await f.newApiKey(other.id)).secret;
    const otherBase = `/v2/orgs/${other.name}/apps/${app.name}`;
    // Another organization's key cannot reach this app's index...
    expect((await api('get', `${base}/workflows`, { key: otherKey })).status).toBe(404);
    expect((await api('get', `${base}/workflows/${ids.success}`, { key: otherKey })).status).toBe(
      404,
    );
    // ...and its own app of the same name has nothing indexed.
    await f.newApp(other.id, app.name);
    expect((await api('get', `${otherBase}/workflows`, { key: otherKey })).status).toBe(503);
    const got = await api('get', `${otherBase}/workflows/${ids.success}`, { key: otherKey });
    expect(got.status).toBe(503);
  });

  it('keeps the newest rows up to the size bound, and drops rows not seen within the age bound', async () => {
    const scope = { organizationId: org.id, applicationId: app.id };
    const base0 = Date.parse('2030-01-01T00:00:00Z');
    const template = GetWorkflowResponseSchema.parse(
      (await api('get', `${base}/workflows/${ids.success}`, { key })).body,
    );
    const synthetic = Array.from({ length: 4 }, (_, i) => ({
      ...template,
      lastKnown: undefined,
      workflowId: `lk-bulk-${i}`,
      createdAt: new Date(base0 + i * 1_000).toISOString(),
    }));
    index.record(scope, synthetic);
    await index.flush();
    const kept = await indexedIds();
    expect(kept).toHaveLength(MAX_ROWS);
    // The two oldest by creation time went.
    expect(kept).not.toContain(ids.success);
    expect(kept).not.toContain(ids.error);

    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await db.prisma.lastKnownWorkflow.updateMany({
      where: { applicationId: app.id, workflowId: { in: ['lk-bulk-0', 'lk-bulk-1'] } },
      data: { seenAt: eightDaysAgo },
    });
    expect(await index.pruneAged()).toBe(2);
    expect(await indexedIds()).not.toContain('lk-bulk-0');
    expect(await indexedIds()).toHaveLength(MAX_ROWS - 2);
  });

  it('keeps and serves nothing of an application in private mode', async () => {
    const scope = { organizationId: org.id, applicationId: app.id };
    const template = GetWorkflowResponseSchema.parse(
      (await api('get', `${base}/workflows/lk-bulk-3`, { key })).body,
    );
    expect(await indexedIds()).not.toEqual([]);
    await db.prisma.application.update({ where: { id: app.id }, data: { privateMode: true } });
    // Reads stop at once: no executor, nothing served.
    expect((await api('get', `${base}/workflows`, { key })).status).toBe(503);
    expect((await api('get', `${base}/workflows/lk-bulk-3`, { key })).status).toBe(503);
    // The next answer that passes through deletes what the application had instead.
    const { lastKnown: _marker, ...workflow } = template;
    index.record(scope, [workflow]);
    await index.flush();
    expect(await indexedIds()).toEqual([]);
  });

  it('keeps the batch when an executor reports text PostgreSQL cannot store', async () => {
    const f = factories(server.app);
    const [poisoned, clean] = [await f.newApp(org.id), await f.newApp(org.id)];
    const reported = (workflowId: string, name: string) =>
      mapLastKnownWorkflow({
        workflowId,
        name,
        status: 'ERROR',
        queueName: null,
        executorId: 'exec\u0000-1',
        applicationVersion: 'v1',
        createdAt: new Date(),
        updatedAt: new Date(),
        errorSummary: 'bad \uD800 half',
        seenAt: new Date(),
      });
    // One flush, one statement: the NUL and the lone surrogate used to fail it whole.
    index.record({ organizationId: org.id, applicationId: poisoned.id }, [
      reported('lk-nul-name', 'charge\u0000card'),
      reported('lk-nul-id\u0000', 'charge'),
    ]);
    index.record({ organizationId: org.id, applicationId: clean.id }, [
      reported('lk-clean', 'charge'),
    ]);
    await index.flush();
    const stored = await db.prisma.lastKnownWorkflow.findMany({
      where: { applicationId: { in: [poisoned.id, clean.id] } },
      orderBy: { workflowId: 'asc' },
    });
    expect(stored.map((r) => [r.workflowId, r.name, r.executorId, r.errorSummary])).toEqual([
      ['lk-clean', 'charge', 'exec\uFFFD-1', 'bad \uFFFD half'],
      ['lk-nul-name', 'charge\uFFFDcard', 'exec\uFFFD-1', 'bad \uFFFD half'],
    ]);
  });
});
