import type { Database } from '@podium/db';
import { ProblemDetailsSchema, StepAggregatesResponseSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { startDbosApp, type DbosApp } from './dbos-app';
import { OperatorSurface, pack } from './operator-surface';
import { waitUntil } from './wait-until';

/**
 * DBOS Conductor's operations on a workflow's events, messages and streams, export and import,
 * step aggregates, schedules and versions, against an unmodified DBOS Transact 5.2.11 app:
 * every change is read back through the API (and so from DBOS's system database).
 */
describe('the operator surface against a real DBOS Transact 5.2.11 executor', () => {
  let setup: DbosApp;
  let base: string;
  let key: string;
  let readerKey: string;
  let outsiderKey: string;
  let chatty: string;
  let surface: OperatorSurface;

  const get = (path: string, as = key) => surface.get(path, as);
  const post = (path: string, body?: unknown, as = key) => surface.post(path, body, as);

  beforeAll(async () => {
    setup = await startDbosApp('surface');
    const { f, org, app } = setup;
    ({ base, key } = setup);
    surface = new OperatorSurface(setup.api, base, key);
    readerKey = (await f.newApiKey(org.id, { permissions: ['application.read'] })).secret;
    const outsider = await f.newOrg();
    await f.newApp(outsider.id, app.name); // same app name, other organization
    outsiderKey = (await f.newApiKey(outsider.id)).secret;
    chatty = setup.executor.workflows.chatty ?? '';
  }, 90_000);

  afterAll(() => setup?.stop());

  it("reads a workflow's events, messages (consumed or not) and streams", () =>
    surface.expectChattyHistory(chatty));

  it('exports a workflow, and imports it back after it was deleted', () =>
    surface.expectExportImportRoundTrip(chatty));

  it('refuses an export no connected executor can read, before any executor sees it', async () => {
    const pickle = await post('/workflows/import', {
      serializedWorkflow: pack('\u0080\u0004pickle'),
    });
    expect(pickle).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
    expect(String(pickle.body.detail)).toContain('Python');
    await surface.expectImportRefused(
      { workflowId: 'from-podium', serialization: 'podium_json' },
      '@podium/sdk',
    );
    const garbage = ProblemDetailsSchema.parse(
      (await post('/workflows/import', { serializedWorkflow: 'not an export' })).body,
    );
    expect(garbage).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(garbage.errors).toMatchObject([{ location: 'body.serializedWorkflow' }]);
  });

  it('refuses unknown fields of closed bodies, naming each with its value', async () => {
    const res = await post('/workflows/import', { serializedWorkflow: 'x', typo: 42 });
    expect(res.status).toBe(422);
    expect(ProblemDetailsSchema.parse(res.body).errors).toEqual([
      expect.objectContaining({ location: 'body.typo', value: 42 }),
    ]);
    const latest = await surface.patch('/versions/latest', { versionName: 'v', extra: true });
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
    expect((await post('/steps/aggregates', { selectCount: true })).status).toBe(422);
  });

  it('lists and reads schedules, with their context only when asked', () =>
    surface.expectSchedulesRead());

  it('pauses and resumes a schedule: its status really changes', () =>
    surface.expectSchedulePauseResume());

  it('triggers a run now and backfills one run per tick of a past window', () =>
    surface.expectTriggerAndBackfill());

  it('makes a version the latest: its timestamp moves to now', () =>
    surface.expectVersionPromotion());

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
    expect((await surface.patch('/versions/latest', { versionName: 'v' }, readerKey)).status).toBe(
      403,
    );

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
    const entries = await setup.server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: setup.org.id, actorApiKeyId: { not: null } },
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
    await setup.executor.stop();
    await waitUntil(async () => (await get('/schedules')).status === 503, 15_000, '503');
    expect((await post('/schedules/nightly-report/trigger')).body).toMatchObject({
      code: 'EXECUTOR_UNAVAILABLE',
    });
  });
});
