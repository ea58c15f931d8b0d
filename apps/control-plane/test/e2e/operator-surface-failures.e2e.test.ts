import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Script } from '../support/link-harness';
import { useScriptedApps } from './scripted-app';

const SCHEDULE = {
  schedule_id: 's-1',
  schedule_name: 'nightly',
  workflow_name: 'report',
  schedule: '0 3 * * *',
  status: 'ACTIVE',
};

/** Knows one schedule; everything else as `rest` says. */
const withSchedule =
  (rest: Script): Script =>
  (request) =>
    request.type === 'get_schedule' ? { output: SCHEDULE } : rest(request);

/**
 * How the new operations fail, with scripted executors on real links: the proxy's rules hold
 * for them as for every executor route (501 for an executor that does not know the message, 502
 * for an error or no answer, a mutation never sent twice), and an import goes only to an
 * executor of the export's language.
 */
describe('the operator surface when executors fail (PostgreSQL, real WebSockets)', () => {
  const { connectedApp, auditEvents } = useScriptedApps({
    // Short for the silent executors, yet long enough for answering ones on a loaded machine.
    executors: { requestTimeoutMs: 4_000 },
  });

  it('answers 501 when the executors predate schedules and workflow events', async () => {
    const { call } = await connectedApp({
      script: (request) =>
        request.type === 'get_workflow'
          ? { output: { WorkflowUUID: String(request.workflow_id), Status: 'SUCCESS' } }
          : { error_message: 'Unknown message type' },
    });
    for (const path of ['/schedules', '/workflows/wf-1/events', '/workflows/wf-1/export']) {
      const res = await call('get', path);
      expect(res, path).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
    }
  });

  it('sends a trigger once even when no executor answers it, and says it may have run', async () => {
    const silent = withSchedule((request) =>
      request.type === 'trigger_schedule' ? 'silent' : { error_message: 'Unknown message type' },
    );
    const { call, sentOf } = await connectedApp({ script: silent }, { script: silent });
    const res = await call('post', '/schedules/nightly/trigger');
    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_NO_ANSWER' } });
    expect(String(res.body.detail)).toContain('may or may not have been applied');
    expect(sentOf('trigger_schedule').reduce((a, b) => a + b)).toBe(1);

    const entries = await auditEvents('schedule.trigger');
    expect(entries).toMatchObject([
      { outcome: 'FAILURE', targetId: 'nightly', details: { errorCode: 'EXECUTOR_NO_ANSWER' } },
    ]);
  });

  it("answers 502 with the executor's error for a failed backfill", async () => {
    const { call } = await connectedApp({
      script: withSchedule(() => ({ error_message: 'backfill window too large' })),
    });
    const res = await call('post', '/schedules/nightly/backfill', {
      startTime: '2026-01-01T00:00:00Z',
      endTime: '2026-01-02T00:00:00+02:00',
    });
    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_ERROR' } });
  });

  it('refuses a backfill window that could hold more runs than a backfill starts, sending nothing', async () => {
    const everySecond = { ...SCHEDULE, schedule_name: 'ticker', schedule: '* * * * * *' };
    const { call, sentOf } = await connectedApp({
      script: (request) =>
        request.type === 'get_schedule'
          ? { output: everySecond }
          : { workflow_ids: [], error_message: 'must not be asked' },
    });
    const res = await call('post', '/schedules/ticker/backfill', {
      startTime: '2026-01-01T00:00:00Z',
      endTime: '2026-01-03T00:00:00Z',
    });
    expect(res).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    expect(String(res.body.detail)).toMatch(/up to 172800 runs .* at most 100000/);
    expect(sentOf('backfill_schedule')).toEqual([0]);
  });

  it("sends an import only to an executor of the export's language", async () => {
    const importing: Script = (request) =>
      request.type === 'import_workflow'
        ? { success: true }
        : { error_message: 'Unknown message type' };
    const { call, sentOf } = await connectedApp(
      { script: importing }, // typescript
      { script: importing, language: 'python' },
    );
    const pickle = gzipSync(Buffer.from('\u0080\u0004pickle')).toString('base64');
    const res = await call('post', '/workflows/import', { serializedWorkflow: pickle });
    expect(res).toMatchObject({ status: 201, body: { workflowIds: null } });
    expect(sentOf('import_workflow')).toEqual([0, 1]);
  });
});
