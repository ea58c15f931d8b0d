import { describe, expect, it } from 'vitest';
import { TrimSchedule } from './trim-schedule';

describe('TrimSchedule', () => {
  it('trims at the first write, then once 5 % of the bound in new rows arrived', () => {
    const schedule = new TrimSchedule(10_000);
    expect(schedule.add('app', 0)).toBe(true);
    schedule.trimmed('app');
    expect(schedule.add('app', 200)).toBe(false);
    expect(schedule.add('app', 0)).toBe(false);
    expect(schedule.add('app', 299)).toBe(false);
    expect(schedule.add('app', 1)).toBe(true);
    schedule.trimmed('app');
    expect(schedule.add('app', 499)).toBe(false);
  });

  it('counts each application on its own', () => {
    const schedule = new TrimSchedule(10_000);
    schedule.trimmed('a');
    schedule.trimmed('b');
    expect(schedule.add('a', 499)).toBe(false);
    expect(schedule.add('b', 500)).toBe(true);
    expect(schedule.add('a', 0)).toBe(false);
  });

  it('trims a small bound at every new row', () => {
    const schedule = new TrimSchedule(6);
    schedule.trimmed('app');
    expect(schedule.add('app', 0)).toBe(false);
    expect(schedule.add('app', 1)).toBe(true);
  });

  it('trims a forgotten application at its next write', () => {
    const schedule = new TrimSchedule(10_000);
    schedule.trimmed('app');
    schedule.forget('app');
    expect(schedule.add('app', 0)).toBe(true);
  });

  it('stays due until trimmed (a failed trim is retried at the next write)', () => {
    const schedule = new TrimSchedule(100);
    schedule.trimmed('app');
    expect(schedule.add('app', 5)).toBe(true);
    expect(schedule.add('app', 0)).toBe(true);
  });
});
