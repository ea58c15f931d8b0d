import { describe, expect, it } from 'vitest';
import type { ScheduleRecord } from '../storage/schedule-storage';
import { CronSchedule } from './cron';
import { dueTicks, servingStart, tickWorkflowId, triggerWorkflowId } from './ticks';

const at = (iso: string) => Date.parse(iso);
const isos = (ticks: number[]) => ticks.map((t) => new Date(t).toISOString());
const everyMinute = new CronSchedule('* * * * *');

const schedule = (fields: Partial<ScheduleRecord>): ScheduleRecord => ({
  scheduleId: 'id',
  scheduleName: 'nightly',
  applicationName: 'app',
  workflowName: 'report',
  cron: '* * * * *',
  cronTimezone: null,
  context: 'null',
  queueName: null,
  automaticBackfill: false,
  backfillLimit: 1000,
  status: 'ACTIVE',
  revision: 1,
  activeSince: at('2025-01-01T00:00:00Z'),
  lastFiredAt: null,
  createdAt: at('2025-01-01T00:00:00Z'),
  updatedAt: at('2025-01-01T00:00:00Z'),
  ...fields,
});

describe('tick ids', () => {
  it('are DBOS’s', () => {
    expect(tickWorkflowId('nightly', at('2025-01-01T00:00:00Z'))).toBe(
      'sched-nightly-2025-01-01T00:00:00.000Z',
    );
    expect(triggerWorkflowId('nightly', at('2025-01-01T10:20:30.456Z'))).toBe(
      'sched-nightly-trigger-2025-01-01T10:20:30.456Z',
    );
  });
});

describe('servingStart', () => {
  const now = at('2025-01-02T00:00:00Z');

  it('skips missed ticks by default: serving starts now', () => {
    expect(servingStart(schedule({ lastFiredAt: at('2025-01-01T12:00:00Z') }), now)).toBe(now);
  });

  it('with automatic backfill, starts after the last tick fired', () => {
    const lastFiredAt = at('2025-01-01T12:00:00Z');
    expect(servingStart(schedule({ automaticBackfill: true, lastFiredAt }), now)).toBe(lastFiredAt);
  });

  it('with automatic backfill, never makes up ticks from before the schedule was active', () => {
    const activeSince = at('2025-01-01T18:00:00Z');
    const paused = schedule({
      automaticBackfill: true,
      lastFiredAt: at('2025-01-01T12:00:00Z'),
      activeSince,
    });
    expect(servingStart(paused, now)).toBe(activeSince);
    expect(servingStart(schedule({ automaticBackfill: true, activeSince }), now)).toBe(activeSince);
  });
});

describe('dueTicks', () => {
  it('lists the ticks after the cursor up to now included', () => {
    const due = dueTicks(everyMinute, at('2025-01-01T00:00:00Z'), at('2025-01-01T00:03:00Z'), 10);
    expect(isos(due.ticks)).toEqual([
      '2025-01-01T00:01:00.000Z',
      '2025-01-01T00:02:00.000Z',
      '2025-01-01T00:03:00.000Z',
    ]);
    expect(due.skipped).toBe(false);
  });

  it('has nothing due before the next tick', () => {
    expect(
      dueTicks(everyMinute, at('2025-01-01T00:01:00Z'), at('2025-01-01T00:01:59.999Z'), 10),
    ).toEqual({ ticks: [], skipped: false });
  });

  it('keeps the most recent ticks when more than the limit are due', () => {
    const due = dueTicks(everyMinute, at('2024-01-01T00:00:00Z'), at('2025-01-01T00:03:30Z'), 2);
    expect(isos(due.ticks)).toEqual(['2025-01-01T00:02:00.000Z', '2025-01-01T00:03:00.000Z']);
    expect(due.skipped).toBe(true);
  });
});
