import { gzipSync } from 'node:zlib';
import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  BackfillScheduleResponseSchema,
  ExportWorkflowResponseSchema,
  ImportWorkflowResponseSchema,
  ListApplicationVersionsResponseSchema,
  ListSchedulesResponseSchema,
  ListWorkflowEventsResponseSchema,
  ListWorkflowNotificationsResponseSchema,
  ListWorkflowStreamsResponseSchema,
  ProblemDetailsSchema,
  ScheduleSchema,
  StepAggregatesResponseSchema,
  TriggerScheduleResponseSchema,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/** An export as its writer would pack it: base64 of gzip. */
const pack = (text: string) => gzipSync(Buffer.from(text)).toString('base64');

/**
 * DBOS Conductor's operations on a workflow's events, messages and streams, export and import,
 * step aggregates, schedules and versions, against an unmodified DBOS Transact 5.2.11 app:
 * every change is read back through the API (and so from DBOS's system database).
 */
describe('the operator surface against a real DBOS Transact 5.2.11 executor', () => {
  let scratch: ScratchDatabase;
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let executor: DbosExecutorProcess;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let base: string;
  let key: string;
  let readerKey: string;
  let outsiderKey: string;
  let chatty: string;

  const get = (path: string, as = key) => api('get', `${base}${path}`, { key: as });
  const post = (path: string, body?: unknown, as = key) =>
    api('post', `${base}${path}`, { key: as, body });
  const statusOf = async (workflowId: string) => {
    const res = await get(`/workflows/${workflowId}`);
    return res.status === 200 ? String(res.body.status) : `HTTP ${res.status}`;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
    api = apiClient(server.url);
    const f = factories(server.app);
    org = await f.newOrg();
    const app = await f.newApp(org.id);
    base = `/v2/orgs/${org.name}/apps/${app.name}`;
    key = (await f.newApiKey(org.id)).secret;
    readerKey = (await f.newApiKey(org.id, { permissions: ['workflows:read'] })).secret;
    const outsider = await f.newOrg();
    await f.newApp(outsider.id, app.name); // same app name, other organization
    outsiderKey = (await f.newApiKey(outsider.id)).secret;
    executor = await startDbosExecutor({
      appName: app.name,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: dbosSystemDb.url,
      scenario: 'surface',
    });
    chatty = executor.workflows.chatty ?? '';
  }, 90_000);

  afterAll(async () => {
    await executor?.stop();
    await server?.close();
    await scratch?.drop();
    await dbosSystemDb?.drop();
  });

  it("reads a workflow's events, messages (consumed or not) and streams", async () => {
    const events = ListWorkflowEventsResponseSchema.parse(
      (await get(`/workflows/${chatty}/events`)).body,
    );
    expect(events.map((e) => e.key).sort()).toEqual(['received', 'status']);
    expect(events.find((e) => e.key === 'status')?.value).toContain('greeting podium');
    expect(events.find((e) => e.key === 'received')?.value).toContain('hello there');

    const notifications = ListWorkflowNotificationsResponseSchema.parse(
      (await get(`/workflows/${chatty}/notifications`)).body,
    );
    const byTopic = Object.fromEntries(notifications.map((n) => [n.topic ?? '', n] as const));
    expect(byTopic.inbox).toMatchObject({ consumed: true });
    expect(byTopic.inbox?.message).toContain('hello there');
    expect(byTopic.later).toMatchObject({ consumed: false });
    expect(byTopic.later?.message).toContain('left unread');
    expect(Date.parse(byTopic.later?.createdAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);

    const streams = ListWorkflowStreamsResponseSchema.parse(
      (await get(`/workflows/${chatty}/streams`)).body,
    );
    const lines = streams.find((s) => s.key === 'lines')?.values ?? [];
    expect(lines.filter((v) => v.includes('line'))).toEqual([
      expect.stringContaining('first line') as string,
      expect.stringContaining('second line') as string,
    ]);

    for (const part of ['events', 'notifications', 'streams', 'export']) {
      expect((await get(`/workflows/no-such-workflow/${part}`)).status, part).toBe(404);
    }
  });

  it('exports a workflow, and imports it back after it was deleted', async () => {
    const exported = ExportWorkflowResponseSchema.parse(
      (await get(`/workflows/${chatty}/export`)).body,
    );
    expect((await api('delete', `${base}/workflows/${chatty}`, { key })).status).toBe(200);
    expect(await statusOf(chatty)).toBe('HTTP 404');

    const imported = await post('/workflows/import', exported);
    expect(imported.status).toBe(201);
    expect(ImportWorkflowResponseSchema.parse(imported.body)).toEqual({ workflowIds: [chatty] });
    expect(await statusOf(chatty)).toBe('SUCCESS');
    const events = ListWorkflowEventsResponseSchema.parse(
      (await get(`/workflows/${chatty}/events`)).body,
    );
    expect(events.map((e) => e.key).sort()).toEqual(['received', 'status']);
  });

  it('refuses an export no connected executor can read, before any executor sees it', async () => {
    const pickle = await post('/workflows/import', {
      serializedWorkflow: pack('\u0080\u0004pickle'),
    });
    expect(pickle).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
    expect(String(pickle.body.detail)).toContain('Python');
    const fromPodium = JSON.stringify([
      {
        workflow_status: { workflow_uuid: 'from-podium', serialization: 'podium_json' },
        operation_outputs: [],
      },
    ]);
    const podium = await post('/workflows/import', { serializedWorkflow: pack(fromPodium) });
    expect(podium).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
    expect(String(podium.body.detail)).toContain('@podium/sdk');
    expect(await statusOf('from-podium')).toBe('HTTP 404');

    const garbage = ProblemDetailsSchema.parse(
      (await post('/workflows/import', { serializedWorkflow: 'not an export' })).body,
    );
    expect(garbage).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(garbage.errors).toMatchObject([{ location: 'body.serializedWorkflow' }]);
  });

  it('refuses unknown fields of closed bodies, naming each with its value', async () => {
    const res = await post('/workflows/import', { serializedWorkflow: 'x', typo: 42 });
    expect(res.status).toBe(400);
    expect(ProblemDetailsSchema.parse(res.body).errors).toEqual([
      expect.objectContaining({ location: 'body.typo', value: 42 }),
    ]);
    const latest = await api('patch', `${base}/versions/latest`, {
      key,
      body: { versionName: 'v', extra: true },
    });
    expect(ProblemDetailsSchema.parse(latest.body).errors).toEqual([
      expect.objectContaining({ location: 'body.extra', value: true }),
    ]);
  });

  it('aggregates completed steps by name', async () => {
    const res = await post('/steps/aggregates', {
      groupByFunctionName: true,
      selectCount: true,
      selectMaxDurationMs: true,
    });
    const rows = StepAggregatesResponseSchema.parse(res.body);
    const greet = rows.find((row) => Object.values(row.group).includes('greet'));
    expect(greet).toMatchObject({ count: 1, maxDurationMs: expect.any(Number) as number });
    expect((await post('/steps/aggregates', { selectCount: true })).status).toBe(400);
  });

  it('lists and reads schedules, with their context only when asked', async () => {
    const listed = ListSchedulesResponseSchema.parse((await get('/schedules')).body);
    expect(listed).toMatchObject([
      {
        scheduleName: 'nightly-report',
        workflowName: 'nightly',
        cronExpression: '0 3 * * *',
        status: 'ACTIVE',
        context: null,
        automaticBackfill: false,
      },
    ]);
    const withContext = ListSchedulesResponseSchema.parse(
      (await get('/schedules?loadContext=true')).body,
    );
    expect(withContext[0]?.context).toContain('ops');
    expect(ListSchedulesResponseSchema.parse((await get('/schedules?status=PAUSED')).body)).toEqual(
      [],
    );
    const one = ScheduleSchema.parse((await get('/schedules/nightly-report')).body);
    expect(one).toMatchObject({
      scheduleName: 'nightly-report',
      scheduleId: listed[0]?.scheduleId,
    });
    expect(one.context).toContain('ops');
    expect((await get('/schedules/no-such-schedule')).status).toBe(404);
    expect((await get('/schedules?typo=1')).status).toBe(400);
  });

  it('pauses and resumes a schedule: its status really changes', async () => {
    const scheduleStatus = async () => String((await get('/schedules/nightly-report')).body.status);
    const paused = await post('/schedules/nightly-report/pause');
    expect(paused.status).toBe(204);
    expect(await scheduleStatus()).toBe('PAUSED');
    expect((await post('/schedules/nightly-report/resume')).status).toBe(204);
    expect(await scheduleStatus()).toBe('ACTIVE');
    expect((await post('/schedules/no-such-schedule/pause')).status).toBe(404);
  });

  it('triggers a run now and backfills one run per tick of a past window', async () => {
    const triggered = await post('/schedules/nightly-report/trigger');
    expect(triggered.status).toBe(201);
    const { workflowId } = TriggerScheduleResponseSchema.parse(triggered.body);
    await waitUntil(
      async () => (await statusOf(workflowId)) === 'SUCCESS',
      30_000,
      'triggered run',
    );

    const endTime = new Date();
    const startTime = new Date(endTime.getTime() - 3 * 24 * 3600_000);
    const backfilled = await post('/schedules/nightly-report/backfill', {
      startTime: startTime.toISOString(),
      endTime: endTime.toISOString(),
    });
    expect(backfilled.status).toBe(200);
    const { workflowIds } = BackfillScheduleResponseSchema.parse(backfilled.body);
    expect(workflowIds).toHaveLength(3); // 03:00 comes round three times in any 72 hours
    for (const id of workflowIds) {
      await waitUntil(async () => (await statusOf(id)) === 'SUCCESS', 30_000, `backfilled ${id}`);
    }
    const backwards = await post('/schedules/nightly-report/backfill', {
      startTime: endTime.toISOString(),
      endTime: startTime.toISOString(),
    });
    expect(backwards.status).toBe(400);
  });

  it('makes a version the latest: its timestamp moves to now', async () => {
    const versions = async () =>
      ListApplicationVersionsResponseSchema.parse((await get('/versions')).body).items;
    const [before] = await versions();
    const versionName = before?.name ?? '';
    const res = await api('patch', `${base}/versions/latest`, { key, body: { versionName } });
    expect(res.status).toBe(204);
    const [after] = await versions();
    expect(after).toMatchObject({ name: versionName, latest: true });
    expect(Date.parse(after?.timestamp ?? '')).toBeGreaterThan(Date.parse(before?.timestamp ?? ''));
    const unknown = await api('patch', `${base}/versions/latest`, {
      key,
      body: { versionName: 'no-such-version' },
    });
    expect(unknown.status).toBe(404);
  });

  it('lets a read-only key read but not act, and shows nothing to another organization', async () => {
    expect((await get('/schedules', readerKey)).status).toBe(200);
    expect((await get(`/workflows/${chatty}/events`, readerKey)).status).toBe(200);
    expect((await post('/schedules/nightly-report/pause', undefined, readerKey)).status).toBe(403);
    expect((await post('/schedules/nightly-report/trigger', undefined, readerKey)).status).toBe(
      403,
    );
    expect((await post('/workflows/import', { serializedWorkflow: 'x' }, readerKey)).status).toBe(
      403,
    );
    const latest = await api('patch', `${base}/versions/latest`, {
      key: readerKey,
      body: { versionName: 'v' },
    });
    expect(latest.status).toBe(403);

    for (const res of [
      await get('/schedules', outsiderKey),
      await get(`/workflows/${chatty}/streams`, outsiderKey),
      await post('/schedules/nightly-report/resume', undefined, outsiderKey),
      await post('/steps/aggregates', { groupByStatus: true }, outsiderKey),
    ]) {
      expect(res.status).toBe(404);
    }
  });

  it('audited every action on the executor, failures too', async () => {
    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, actorApiKeyId: { not: null } },
    });
    const summary = new Set(entries.map((e) => `${e.action}:${e.outcome}:${e.targetId}`));
    for (const expected of [
      'schedule.pause:SUCCESS:nightly-report',
      'schedule.pause:FAILURE:no-such-schedule',
      'schedule.resume:SUCCESS:nightly-report',
      'schedule.trigger:SUCCESS:nightly-report',
      'schedule.backfill:SUCCESS:nightly-report',
      `workflow.import:SUCCESS:${chatty}`,
      'workflow.import:FAILURE:null',
    ]) {
      expect(summary).toContain(expected);
    }
    // Its success, the unknown version, and the read-only key refused by the guard.
    const setLatest = entries.filter((e) => e.action === 'application.set_latest_version');
    expect(setLatest.map((e) => e.outcome).sort()).toEqual(['FAILURE', 'FAILURE', 'SUCCESS']);
    expect(setLatest.map((e) => (e.details as { errorCode?: string }).errorCode)).toContain(
      'NOT_FOUND',
    );
    const backfill = entries.find(
      (e) => e.action === 'schedule.backfill' && e.outcome === 'SUCCESS',
    );
    expect((backfill?.details as { workflowIds?: string[] }).workflowIds).toHaveLength(3);
  });

  it('answers 503 once no executor is connected', async () => {
    await executor.stop();
    await waitUntil(async () => (await get('/schedules')).status === 503, 15_000, '503');
    expect((await post('/schedules/nightly-report/trigger')).body).toMatchObject({
      code: 'EXECUTOR_UNAVAILABLE',
    });
  });
});
