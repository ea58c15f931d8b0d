/**
 * Differential test of the six schedule messages: the same requests sent to a DBOS Transact
 * 5.2.11 executor and to a `@podium/sdk` executor holding the same schedules give the same
 * answers (same fields, same values but for generated ids, times and error wording), also
 * after pausing, resuming, triggering and backfilling, and for unknown names.
 *
 * Known, documented differences left out: a request without `body` (DBOS crashes), a backfill
 * window that is not a timestamp (DBOS answers no runs, Podium an error), and what a schedule
 * without `cron_timezone` means (DBOS: the process's zone; Podium: UTC).
 */
import { toWireTimestamp } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAnswer } from './helpers/comparable';
import { type Executor, type Setup, startDbos, startPodium } from './helpers/executors';

const SETUP: Setup = {
  appName: 'diff-schedules',
  version: 'diff-v1',
  schedules: [
    { name: 'diff-yearly', cron: '0 0 1 1 *', context: { label: 'probe' } },
    {
      name: 'diff-hourly',
      cron: '0 * * * *',
      options: { automaticBackfill: true, cronTimezone: 'Europe/Paris' },
    },
    { name: 'diff-paused', cron: '0 0 1 * *', context: { label: 'monthly' }, paused: true },
  ],
};

describe('schedule messages: DBOS Transact 5.2.11 and @podium/sdk answer alike', () => {
  let executors: { dbos: Executor; podium: Executor };
  beforeAll(async () => {
    const [dbos, podium] = await Promise.all([startDbos(SETUP), startPodium(SETUP)]);
    executors = { dbos, podium };
  }, 120_000);
  afterAll(async () => {
    await executors?.dbos.stop();
    await executors?.podium.stop();
  });

  it('list_schedules, with and without filters and context', async () => {
    const { podium } = await expectSameAnswer(executors, 'list_schedules', { body: {} });
    expect(podium.output?.map((s) => s.schedule_name)).toEqual([
      'diff-hourly',
      'diff-paused',
      'diff-yearly',
    ]);
    for (const body of [
      { load_context: false },
      { status: 'PAUSED' },
      { status: ['ACTIVE'] },
      { workflow_name: 'tick' },
      { workflow_name: ['nothing'] },
      { schedule_name_prefix: ['diff-y', 'diff-p'] },
      { application_name: 'diff-schedules' },
      { application_name: ['another-app'] },
    ]) {
      await expectSameAnswer(executors, 'list_schedules', { body });
    }
  });

  it('get_schedule, found or not', async () => {
    const { podium } = await expectSameAnswer(executors, 'get_schedule', {
      schedule_name: 'diff-yearly',
    });
    expect(podium.output?.context).toBe("{ label: 'probe' }");
    await expectSameAnswer(executors, 'get_schedule', {
      schedule_name: 'diff-hourly',
      load_context: false,
    });
    await expectSameAnswer(executors, 'get_schedule', { schedule_name: 'no-such-schedule' });
  });

  it('pause_schedule and resume_schedule, then the schedule as listed', async () => {
    for (const [type, name] of [
      ['pause_schedule', 'diff-yearly'],
      ['resume_schedule', 'diff-paused'],
      ['pause_schedule', 'no-such-schedule'],
      ['resume_schedule', 'no-such-schedule'],
    ] as const) {
      await expectSameAnswer(executors, type, { schedule_name: name });
    }
    const { podium } = await expectSameAnswer(executors, 'list_schedules', { body: {} });
    expect(podium.output?.map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE', 'PAUSED']);
    await expectSameAnswer(executors, 'resume_schedule', { schedule_name: 'diff-yearly' });
    await expectSameAnswer(executors, 'pause_schedule', { schedule_name: 'diff-paused' });
  });

  it('trigger_schedule, known or not', async () => {
    const { podium } = await expectSameAnswer(executors, 'trigger_schedule', {
      schedule_name: 'diff-yearly',
    });
    expect(podium.workflow_id).toMatch(/^sched-diff-yearly-trigger-\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    await expectSameAnswer(executors, 'trigger_schedule', { schedule_name: 'no-such-schedule' });
  });

  it('backfill_schedule: the same ticks, again idempotently, and unknown names', async () => {
    const window = {
      start: toWireTimestamp(Date.parse('2024-12-31T00:00:00Z')),
      end: toWireTimestamp(Date.parse('2026-01-02T00:00:00Z')),
    };
    const { podium } = await expectSameAnswer(executors, 'backfill_schedule', {
      schedule_name: 'diff-yearly',
      ...window,
    });
    expect(podium.workflow_ids).toEqual([
      'sched-diff-yearly-2025-01-01T00:00:00.000Z',
      'sched-diff-yearly-2026-01-01T00:00:00.000Z',
    ]);
    await expectSameAnswer(executors, 'backfill_schedule', {
      schedule_name: 'diff-yearly',
      ...window,
    });
    // A paused schedule backfills too, and the window excludes both of its ends.
    await expectSameAnswer(executors, 'backfill_schedule', {
      schedule_name: 'diff-paused',
      start: toWireTimestamp(Date.parse('2025-01-01T00:00:00Z')),
      end: toWireTimestamp(Date.parse('2025-04-01T00:00:00Z')),
    });
    await expectSameAnswer(executors, 'backfill_schedule', {
      schedule_name: 'no-such-schedule',
      ...window,
    });
  });

  it('lists the runs a schedule started, with their ScheduleName', async () => {
    const runs = async (executor: Executor) =>
      (
        await executor.link.request('list_workflows', { body: { schedule_name: 'diff-yearly' } })
      ).output
        ?.map((w) => ({
          id: w.WorkflowUUID.replace(/-trigger-.*$/, '-trigger-<now>'),
          workflow: w.WorkflowName,
          schedule: w.ScheduleName,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const expected = await runs(executors.dbos);
    expect(expected).toEqual([
      {
        id: 'sched-diff-yearly-2025-01-01T00:00:00.000Z',
        workflow: 'tick',
        schedule: 'diff-yearly',
      },
      {
        id: 'sched-diff-yearly-2026-01-01T00:00:00.000Z',
        workflow: 'tick',
        schedule: 'diff-yearly',
      },
      { id: 'sched-diff-yearly-trigger-<now>', workflow: 'tick', schedule: 'diff-yearly' },
    ]);
    expect(await runs(executors.podium)).toEqual(expected);
  });
});
