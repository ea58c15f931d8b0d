import { describe, expect, it } from 'vitest';
import { countTicks, describeTickCount, nextTick } from './cron-ticks';

const at = (iso: string) => new Date(iso);

describe('countTicks', () => {
  it('counts a daily tick three times in any 72 hours', () => {
    expect(
      countTicks('0 3 * * *', 'UTC', at('2026-03-01T10:00:00Z'), at('2026-03-04T10:00:00Z')),
    ).toEqual({ ok: true, count: 3, capped: false });
  });

  it('includes a tick exactly at the start and leaves out one exactly at the end', () => {
    expect(
      countTicks('0 3 * * *', 'UTC', at('2026-03-01T03:00:00Z'), at('2026-03-03T03:00:00Z')),
    ).toEqual({ ok: true, count: 2, capped: false });
  });

  it('reads six fields as seconds first', () => {
    expect(
      countTicks('*/10 * * * * *', 'UTC', at('2026-03-01T00:00:00Z'), at('2026-03-01T00:01:00Z')),
    ).toEqual({ ok: true, count: 6, capped: false });
  });

  it('counts in the schedule’s time zone', () => {
    // 03:00 in New York is 08:00 UTC in winter: one tick between 07:00 and 09:00 UTC.
    const window = [at('2026-01-10T07:00:00Z'), at('2026-01-10T09:00:00Z')] as const;
    expect(countTicks('0 3 * * *', 'America/New_York', ...window)).toMatchObject({ count: 1 });
    expect(countTicks('0 3 * * *', 'UTC', ...window)).toMatchObject({ count: 0 });
  });

  it('stops at the ceiling and says so', () => {
    expect(
      countTicks('* * * * *', null, at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'), 100),
    ).toEqual({ ok: true, count: 100, capped: true });
  });

  it('refuses a window that ends before it starts, and an unreadable expression', () => {
    const start = at('2026-03-02T00:00:00Z');
    expect(countTicks('0 3 * * *', 'UTC', start, start)).toMatchObject({ ok: false });
    expect(countTicks('not cron', 'UTC', start, at('2026-03-03T00:00:00Z'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('cannot be read') as string,
    });
  });
});

describe('nextTick', () => {
  it('is the first tick after the given time, null for an unreadable expression', () => {
    expect(nextTick('0 3 * * *', 'UTC', at('2026-03-01T03:00:00Z'))).toEqual(
      at('2026-03-02T03:00:00Z'),
    );
    expect(nextTick('nope', 'UTC', at('2026-03-01T03:00:00Z'))).toBeNull();
  });
});

describe('describeTickCount', () => {
  it('says how many runs will start at most', () => {
    expect(describeTickCount({ ok: true, count: 3, capped: false })).toBe(
      'This window holds 3 ticks: up to 3 runs will start (ticks that already ran are skipped).',
    );
    expect(describeTickCount({ ok: true, count: 1, capped: false })).toContain('up to 1 run will');
  });

  it('says when nothing would start, the window is too long, or it cannot count', () => {
    expect(describeTickCount({ ok: true, count: 0, capped: false })).toContain(
      'nothing would start',
    );
    expect(describeTickCount({ ok: true, count: 10_000, capped: true })).toBe(
      'More than 10,000 ticks: choose a shorter window.',
    );
    expect(describeTickCount({ ok: false, reason: 'The end must be after the start.' })).toBe(
      'The end must be after the start.',
    );
  });
});
