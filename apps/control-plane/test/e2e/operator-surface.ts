import { gzipSync } from 'node:zlib';
import {
  BackfillScheduleResponseSchema,
  ExportWorkflowResponseSchema,
  ImportWorkflowResponseSchema,
  ListApplicationVersionsResponseSchema,
  ListSchedulesResponseSchema,
  ListWorkflowEventsResponseSchema,
  ListWorkflowNotificationsResponseSchema,
  ListWorkflowStreamsResponseSchema,
  ScheduleSchema,
  TriggerScheduleResponseSchema,
} from '@podium/protocol';
import { expect } from 'vitest';
import type { apiClient } from './api-client';
import { waitUntil } from './wait-until';

/**
 * The checks of the operator surface (events, messages, streams, export/import, schedules,
 * versions) that every executor must pass, whoever wrote it: the DBOS Transact fixture and an
 * @podium/sdk app set up the same things (a finished `chatty` workflow that set the events
 * `status` and `received`, wrote the stream `lines`, consumed the message on `inbox` and left
 * the one on `later`; a schedule `nightly-report` of workflow `nightly` at `0 3 * * *` UTC with
 * context `{team: 'ops'}`), and each test file runs these against its own.
 */
export class OperatorSurface {
  constructor(
    private readonly call: ReturnType<typeof apiClient>,
    /** `/v2/orgs/{org}/apps/{app}`. */
    private readonly base: string,
    /** A key that may operate the app. */
    private readonly key: string,
  ) {}

  /** Any method on a path under the application. */
  api(method: string, path: string, body?: unknown, key = this.key) {
    return this.call(method, `${this.base}${path}`, { key, body });
  }

  get(path: string, key = this.key) {
    return this.api('get', path, undefined, key);
  }

  post(path: string, body?: unknown, key = this.key) {
    return this.api('post', path, body, key);
  }

  patch(path: string, body: unknown, key = this.key) {
    return this.api('patch', path, body, key);
  }

  /** A workflow's status, or `HTTP <status>` when it cannot be read. */
  async statusOf(workflowId: string): Promise<string> {
    const res = await this.get(`/workflows/${workflowId}`);
    return res.status === 200 ? String(res.body.status) : `HTTP ${res.status}`;
  }

  untilSucceeded(workflowId: string): Promise<boolean> {
    return waitUntil(
      async () => (await this.statusOf(workflowId)) === 'SUCCESS',
      30_000,
      `${workflowId} SUCCESS`,
    );
  }

  async expectChattyHistory(chatty: string): Promise<void> {
    const events = ListWorkflowEventsResponseSchema.parse(
      (await this.get(`/workflows/${chatty}/events`)).body,
    );
    expect(events.map((e) => e.key).sort()).toEqual(['received', 'status']);
    expect(events.find((e) => e.key === 'status')?.value).toContain('greeting podium');
    expect(events.find((e) => e.key === 'received')?.value).toContain('hello there');

    const notifications = ListWorkflowNotificationsResponseSchema.parse(
      (await this.get(`/workflows/${chatty}/notifications`)).body,
    );
    const byTopic = Object.fromEntries(notifications.map((n) => [n.topic ?? '', n] as const));
    expect(byTopic.inbox).toMatchObject({ consumed: true });
    expect(byTopic.inbox?.message).toContain('hello there');
    expect(byTopic.later).toMatchObject({ consumed: false });
    expect(byTopic.later?.message).toContain('left unread');
    expect(Date.parse(byTopic.later?.createdAt ?? '')).toBeGreaterThan(Date.now() - 600_000);

    const streams = ListWorkflowStreamsResponseSchema.parse(
      (await this.get(`/workflows/${chatty}/streams`)).body,
    );
    const lines = streams.find((s) => s.key === 'lines')?.values ?? [];
    expect(lines.filter((v) => v.includes('line'))).toEqual([
      expect.stringContaining('first line') as string,
      expect.stringContaining('second line') as string,
    ]);

    for (const part of ['events', 'notifications', 'streams', 'export']) {
      expect((await this.get(`/workflows/no-such-workflow/${part}`)).status, part).toBe(404);
    }
  }

  /**
   * Exports `workflowId`, deletes it, imports the export: it is back, with its events; a second
   * import of it is a conflict.
   */
  async expectExportImportRoundTrip(workflowId: string): Promise<void> {
    const exported = ExportWorkflowResponseSchema.parse(
      (await this.get(`/workflows/${workflowId}/export`)).body,
    );
    const deleted = await this.api('delete', `/workflows/${workflowId}`);
    expect(deleted.status).toBe(200);
    expect(await this.statusOf(workflowId)).toBe('HTTP 404');

    const imported = await this.post('/workflows/import', exported);
    expect(imported.status).toBe(201);
    expect(ImportWorkflowResponseSchema.parse(imported.body)).toEqual({
      workflowIds: [workflowId],
    });
    expect(await this.statusOf(workflowId)).toBe('SUCCESS');
    const again = await this.post('/workflows/import', exported);
    expect(again).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const events = ListWorkflowEventsResponseSchema.parse(
      (await this.get(`/workflows/${workflowId}/events`)).body,
    );
    expect(events.map((e) => e.key).sort()).toEqual(['received', 'status']);
  }

  /** An export written by `writer` is refused (503, saying who wrote it) and nothing is imported. */
  async expectImportRefused(rows: { workflowId: string; serialization: string }, writer: string) {
    const document = JSON.stringify([
      {
        workflow_status: { workflow_uuid: rows.workflowId, serialization: rows.serialization },
        operation_outputs: [],
      },
    ]);
    const res = await this.post('/workflows/import', { serializedWorkflow: pack(document) });
    expect(res).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
    expect(String(res.body.detail)).toContain(writer);
    expect(await this.statusOf(rows.workflowId)).toBe('HTTP 404');
  }

  async expectSchedulesRead(): Promise<void> {
    const listed = ListSchedulesResponseSchema.parse((await this.get('/schedules')).body);
    expect(listed).toMatchObject([
      {
        scheduleName: 'nightly-report',
        workflowName: 'nightly',
        cronExpression: '0 3 * * *',
        cronTimezone: 'UTC',
        status: 'ACTIVE',
        context: null,
        automaticBackfill: false,
      },
    ]);
    const withContext = ListSchedulesResponseSchema.parse(
      (await this.get('/schedules?loadContext=true')).body,
    );
    expect(withContext[0]?.context).toContain('ops');
    const paused = ListSchedulesResponseSchema.parse(
      (await this.get('/schedules?status=PAUSED')).body,
    );
    expect(paused).toEqual([]);
    const one = ScheduleSchema.parse((await this.get('/schedules/nightly-report')).body);
    expect(one).toMatchObject({
      scheduleName: 'nightly-report',
      scheduleId: listed[0]?.scheduleId,
    });
    expect(one.context).toContain('ops');
    expect((await this.get('/schedules/no-such-schedule')).status).toBe(404);
    expect((await this.get('/schedules?typo=1')).status).toBe(422);
  }

  async expectSchedulePauseResume(): Promise<void> {
    const scheduleStatus = async () =>
      String((await this.get('/schedules/nightly-report')).body.status);
    expect((await this.post('/schedules/nightly-report/pause')).status).toBe(204);
    expect(await scheduleStatus()).toBe('PAUSED');
    expect((await this.post('/schedules/nightly-report/resume')).status).toBe(204);
    expect(await scheduleStatus()).toBe('ACTIVE');
    expect((await this.post('/schedules/no-such-schedule/pause')).status).toBe(404);
  }

  /** Triggers one run, backfills three days (three 03:00 ticks); returns the backfilled ids. */
  async expectTriggerAndBackfill(): Promise<string[]> {
    const triggered = await this.post('/schedules/nightly-report/trigger');
    expect(triggered.status).toBe(201);
    await this.untilSucceeded(TriggerScheduleResponseSchema.parse(triggered.body).workflowId);

    const endTime = new Date();
    const startTime = new Date(endTime.getTime() - 3 * 24 * 3600_000);
    const backfilled = await this.post('/schedules/nightly-report/backfill', {
      startTime: startTime.toISOString(),
      endTime: endTime.toISOString(),
    });
    expect(backfilled.status).toBe(200);
    const { workflowIds } = BackfillScheduleResponseSchema.parse(backfilled.body);
    expect(workflowIds).toHaveLength(3); // 03:00 comes round three times in any 72 hours
    for (const id of workflowIds) await this.untilSucceeded(id);
    const backwards = await this.post('/schedules/nightly-report/backfill', {
      startTime: endTime.toISOString(),
      endTime: startTime.toISOString(),
    });
    expect(backwards.status).toBe(422);
    return workflowIds;
  }

  /** Makes the (only) version latest again: its timestamp moves forward; unknown names 404. */
  async expectVersionPromotion(): Promise<void> {
    const versions = async () =>
      ListApplicationVersionsResponseSchema.parse((await this.get('/versions')).body);
    const [before] = await versions();
    const versionName = before?.versionName ?? '';
    expect((await this.patch('/versions/latest', { versionName })).status).toBe(204);
    const [after] = await versions();
    expect(after).toMatchObject({ versionName, latest: true });
    expect(Date.parse(after?.versionTimestamp ?? '')).toBeGreaterThan(
      Date.parse(before?.versionTimestamp ?? ''),
    );
    const unknown = await this.patch('/versions/latest', { versionName: 'no-such-version' });
    expect(unknown.status).toBe(404);
  }
}

/** An export as its writer would pack it: base64 of gzip. */
export function pack(text: string): string {
  return gzipSync(Buffer.from(text)).toString('base64');
}
