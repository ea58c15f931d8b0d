import { describe, expect, it } from 'vitest';
import {
  MAX_NAMES_PER_MINUTE,
  MAX_ROWS_PER_MINUTE,
  MINUTE_MS,
  keptCounts,
  minuteOf,
  minutesToCollect,
  recoveryCounts,
} from './metric-minutes';

const at = (iso: string) => Date.parse(iso);

describe('minutesToCollect', () => {
  it('starts with every minute it may catch up on: its predecessor may have missed them', () => {
    expect(minutesToCollect(at('2026-12-04T10:05:30Z'), undefined, 3)).toEqual([
      at('2026-12-04T10:02:00Z'),
      at('2026-12-04T10:03:00Z'),
      at('2026-12-04T10:04:00Z'),
    ]);
  });

  it('catches up on every completed minute since the last collected, at most `catchUp`', () => {
    const now = at('2026-12-04T10:05:30Z');
    expect(minutesToCollect(now, at('2026-12-04T10:02:00Z'), 10)).toEqual([
      at('2026-12-04T10:02:00Z'),
      at('2026-12-04T10:03:00Z'),
      at('2026-12-04T10:04:00Z'),
    ]);
    expect(minutesToCollect(now, at('2026-12-04T09:00:00Z'), 2)).toEqual([
      at('2026-12-04T10:03:00Z'),
      at('2026-12-04T10:04:00Z'),
    ]);
    expect(minutesToCollect(now, at('2026-12-04T10:05:00Z'), 10)).toEqual([]);
  });
});

describe('recoveryCounts', () => {
  it('counts recoveries per minute and version', () => {
    const rows = recoveryCounts('app-1', [
      { at: new Date('2026-12-04T10:04:01Z'), applicationVersion: 'v1' },
      { at: new Date('2026-12-04T10:04:59Z'), applicationVersion: 'v1' },
      { at: new Date('2026-12-04T10:04:30Z'), applicationVersion: 'v2' },
      { at: new Date('2026-12-04T10:05:00Z'), applicationVersion: 'v1' },
    ]);
    expect(rows).toEqual([
      { ...row('2026-12-04T10:04:00.000Z', 'v1'), value: 2 },
      { ...row('2026-12-04T10:04:00.000Z', 'v2'), value: 1 },
      { ...row('2026-12-04T10:05:00.000Z', 'v1'), value: 1 },
    ]);
    expect(minuteOf(at('2026-12-04T10:04:59.999Z'))).toBe(at('2026-12-04T10:04:00Z'));
  });
});

function row(timeBucket: string, metricName: string) {
  return {
    appId: 'app-1',
    metricType: 'recovery_count',
    metricName,
    granularity: MINUTE_MS / 1_000,
    timeBucket,
  };
}

describe('keptCounts', () => {
  it('keeps per metric type the largest counts, up to the bound, and names of a sane length', () => {
    const many = Array.from({ length: MAX_NAMES_PER_MINUTE + 2 }, (_, i) => ({
      metricType: 'workflow_count',
      metricName: `wf-${i}`,
      value: i,
    }));
    const steps = [{ metricType: 'step_count', metricName: 'step', value: 1 }];
    const long = { metricType: 'step_count', metricName: 'x'.repeat(1_025), value: 9 };
    const { kept, dropped } = keptCounts([...many, ...steps, long]);
    expect(dropped).toBe(3);
    expect(kept.filter((c) => c.metricType === 'workflow_count')).toHaveLength(
      MAX_NAMES_PER_MINUTE,
    );
    // The two smallest went.
    expect(kept.map((c) => c.metricName)).not.toContain('wf-0');
    expect(kept.map((c) => c.metricName)).not.toContain('wf-1');
    expect(kept.filter((c) => c.metricType === 'step_count')).toEqual(steps);
  });

  it('keeps at most MAX_ROWS_PER_MINUTE rows whatever types an executor makes up', () => {
    const madeUp = Array.from({ length: 5 * MAX_NAMES_PER_MINUTE }, (_, i) => ({
      metricType: `type-${i % 5}`,
      metricName: `n-${i}`,
      value: i,
    }));
    const { kept, dropped } = keptCounts(madeUp);
    expect(kept).toHaveLength(MAX_ROWS_PER_MINUTE);
    expect(dropped).toBe(5 * MAX_NAMES_PER_MINUTE - MAX_ROWS_PER_MINUTE);
    expect(Math.min(...kept.map((c) => c.value))).toBe(
      5 * MAX_NAMES_PER_MINUTE - MAX_ROWS_PER_MINUTE,
    );
  });
});
