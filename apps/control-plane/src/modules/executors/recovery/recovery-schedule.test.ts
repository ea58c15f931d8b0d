import { describe, expect, it } from 'vitest';
import { deadlineOf, RetrySchedule } from './recovery-schedule';

describe('deadlineOf', () => {
  it('is the disconnection plus the grace period', () => {
    const disconnectedAt = new Date('2026-01-01T00:00:00.000Z');
    expect(deadlineOf({ disconnectedAt, gracePeriodSeconds: 60 })).toBe(
      Date.parse('2026-01-01T00:01:00.000Z'),
    );
  });
});

describe('RetrySchedule', () => {
  it('retries at the next sweep, then waits twice as long each time, up to the ceiling', () => {
    let now = 0;
    const schedule = new RetrySchedule(1_000, 5_000, () => now);
    expect(schedule.isDue('d')).toBe(true);
    expect([1, 2, 3, 4, 5].map(() => schedule.failed('d'))).toEqual([
      0, 1_000, 3_000, 5_000, 5_000,
    ]);
    expect(schedule.isDue('d')).toBe(false);
    now = 4_999;
    expect(schedule.isDue('d')).toBe(false);
    now = 5_000;
    expect(schedule.isDue('d')).toBe(true);
    expect(schedule.isDue('other')).toBe(true);
  });

  it('forgets an executor once it is recovered', () => {
    const schedule = new RetrySchedule(1_000, 5_000, () => 0);
    schedule.failed('d');
    schedule.failed('d');
    schedule.clear('d');
    expect(schedule.size).toBe(0);
    expect(schedule.failed('d')).toBe(0);
  });

  it('forgets the executors no longer awaiting recovery, and keeps the others’ waits', () => {
    const schedule = new RetrySchedule(1_000, 5_000, () => 0);
    for (const key of ['came-back', 'recovered-elsewhere', 'still-dead']) schedule.failed(key);
    schedule.failed('still-dead');
    schedule.keepOnly(new Set(['still-dead', 'never-failed']));
    expect(schedule.size).toBe(1);
    expect(schedule.isDue('still-dead')).toBe(false);
    expect(schedule.failed('came-back')).toBe(0); // a first failure again, should it die again
  });
});
