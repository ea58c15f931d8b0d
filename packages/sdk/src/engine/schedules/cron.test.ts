import { describe, expect, it } from 'vitest';
import { CronSchedule, CronSyntaxError } from './cron';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The first `count` ticks after `from`. */
function ticks(cron: CronSchedule, from: string, count: number): (string | null)[] {
  const found: (string | null)[] = [];
  let cursor: number | null = at(from);
  for (let i = 0; i < count && cursor !== null; i++) {
    cursor = cron.next(cursor);
    found.push(iso(cursor));
  }
  return found;
}

describe('CronSchedule', () => {
  it('reads 5 fields as minutes (second 0) and 6 as seconds first', () => {
    expect(ticks(new CronSchedule('*/15 * * * *'), '2025-01-01T00:07:30Z', 2)).toEqual([
      '2025-01-01T00:15:00.000Z',
      '2025-01-01T00:30:00.000Z',
    ]);
    expect(ticks(new CronSchedule('*/20 * * * * *'), '2025-01-01T00:00:00Z', 3)).toEqual([
      '2025-01-01T00:00:20.000Z',
      '2025-01-01T00:00:40.000Z',
      '2025-01-01T00:01:00.000Z',
    ]);
  });

  it('is strictly after (next) and strictly before (previous)', () => {
    const everySecond = new CronSchedule('* * * * * *');
    expect(iso(everySecond.next(at('2025-01-01T00:00:00Z')))).toBe('2025-01-01T00:00:01.000Z');
    expect(iso(everySecond.next(at('2025-01-01T00:00:00.999Z')))).toBe('2025-01-01T00:00:01.000Z');
    expect(iso(everySecond.previous(at('2025-01-01T00:00:00Z')))).toBe('2024-12-31T23:59:59.000Z');
    expect(iso(everySecond.previous(at('2025-01-01T00:00:00.500Z')))).toBe(
      '2025-01-01T00:00:00.000Z',
    );
    const daily = new CronSchedule('0 9 * * *');
    expect(iso(daily.previous(at('2025-03-01T08:00:00Z')))).toBe('2025-02-28T09:00:00.000Z');
  });

  it('lists the ticks of a window, both ends excluded', () => {
    const hourly = new CronSchedule('@hourly');
    expect(
      [...hourly.between(at('2025-01-01T00:00:00Z'), at('2025-01-01T03:00:00Z'))].map(iso),
    ).toEqual(['2025-01-01T01:00:00.000Z', '2025-01-01T02:00:00.000Z']);
  });

  it('understands lists, ranges, wrapping ranges, steps and names', () => {
    expect(ticks(new CronSchedule('0 22-2/2 * * *'), '2025-01-01T12:00:00Z', 3)).toEqual([
      '2025-01-01T22:00:00.000Z',
      '2025-01-02T00:00:00.000Z',
      '2025-01-02T02:00:00.000Z',
    ]);
    expect(ticks(new CronSchedule('0 0 1 jan,JUL *'), '2025-02-01T00:00:00Z', 2)).toEqual([
      '2025-07-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    // Friday to Sunday, with 7 as Sunday.
    expect(ticks(new CronSchedule('0 12 * * 5-7'), '2025-01-01T00:00:00Z', 4)).toEqual([
      '2025-01-03T12:00:00.000Z',
      '2025-01-04T12:00:00.000Z',
      '2025-01-05T12:00:00.000Z',
      '2025-01-10T12:00:00.000Z',
    ]);
    expect(ticks(new CronSchedule('0 8 ? * mon-wed'), '2025-01-04T00:00:00Z', 3)).toEqual([
      '2025-01-06T08:00:00.000Z',
      '2025-01-07T08:00:00.000Z',
      '2025-01-08T08:00:00.000Z',
    ]);
  });

  it('requires both day fields to match, as DBOS does', () => {
    // Friday the 13th, not "the 13th or any Friday".
    expect(ticks(new CronSchedule('0 0 13 * 5'), '2025-01-01T00:00:00Z', 2)).toEqual([
      '2025-06-13T00:00:00.000Z',
      '2026-02-13T00:00:00.000Z',
    ]);
  });

  it('understands L, L-n, nW, LW, nL and n#m', () => {
    expect(ticks(new CronSchedule('0 0 L * *'), '2024-01-31T12:00:00Z', 2)).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2024-03-31T00:00:00.000Z',
    ]);
    expect(ticks(new CronSchedule('0 0 L-2 2 *'), '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-02-26T00:00:00.000Z',
    ]);
    // 2025-02-15 is a Saturday: the nearest weekday is Friday the 14th. 2025-06-01 is a
    // Sunday, and the first of the month: Monday the 2nd (never into May).
    expect(ticks(new CronSchedule('0 0 15W 2 *'), '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-02-14T00:00:00.000Z',
    ]);
    expect(ticks(new CronSchedule('0 0 1W 6 *'), '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-06-02T00:00:00.000Z',
    ]);
    // The last weekday of May 2025 is Friday the 30th.
    expect(ticks(new CronSchedule('0 0 LW 5 *'), '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-05-30T00:00:00.000Z',
    ]);
    // The last Friday, and the second Tuesday, of January 2025.
    expect(ticks(new CronSchedule('0 0 * 1 5L'), '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-01-31T00:00:00.000Z',
    ]);
    expect(ticks(new CronSchedule('0 0 * 1 2#2'), '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-01-14T00:00:00.000Z',
    ]);
  });

  it('reads times in the given zone, through daylight-saving changes', () => {
    const newYork = new CronSchedule('30 1 * * *', 'America/New_York');
    // 1:30 happens twice when clocks go back (2025-11-02): once per instant.
    expect(ticks(newYork, '2025-11-01T12:00:00Z', 3)).toEqual([
      '2025-11-02T05:30:00.000Z',
      '2025-11-02T06:30:00.000Z',
      '2025-11-03T06:30:00.000Z',
    ]);
    expect(iso(newYork.previous(at('2025-11-02T06:30:00Z')))).toBe('2025-11-02T05:30:00.000Z');
    // 2:30 does not happen when clocks go forward (2025-03-09).
    expect(
      ticks(new CronSchedule('30 2 * * *', 'America/New_York'), '2025-03-08T12:00:00Z', 2),
    ).toEqual(['2025-03-10T06:30:00.000Z', '2025-03-11T06:30:00.000Z']);
    expect(ticks(new CronSchedule('0 9 * * *', 'Asia/Kolkata'), '2025-01-01T00:00:00Z', 1)).toEqual(
      ['2025-01-01T03:30:00.000Z'],
    );
  });

  it('reads times in UTC without a zone', () => {
    for (const zone of [undefined, null, '']) {
      expect(iso(new CronSchedule('0 9 * * *', zone).next(at('2025-01-01T00:00:00Z')))).toBe(
        '2025-01-01T09:00:00.000Z',
      );
    }
  });

  it('has no tick for a day that exists in no year of the search', () => {
    expect(new CronSchedule('0 0 L-30 2 *').next(at('2025-01-01T00:00:00Z'))).toBeNull();
  });

  it.each([
    ['', /5 or 6 fields/],
    ['* * * *', /5 or 6 fields/],
    ['* * * * * * *', /5 or 6 fields/],
    ['60 * * * *', /minute/],
    ['* 24 * * *', /hour/],
    ['* * 0 * *', /day of month/],
    ['* * 32 * *', /day of month/],
    ['* * * 13 *', /month/],
    ['* * * * 8', /day of week/],
    ['*/0 * * * *', /minute/],
    ['5/15 * * * *', /minute/],
    ['1-2-3 * * * *', /minute/],
    ['* * 1-15W * *', /day of month/],
    ['* * L-31 * *', /day of month/],
    ['* * * * L', /day of week/],
    ['* * * * 1#6', /day of week/],
    ['0 0 30 2 *', /never occurs/],
    ['0 0 31 4,6 *', /never occurs/],
    ['a b c d e', /minute/],
  ])('refuses %j', (expression, message) => {
    expect(() => new CronSchedule(expression)).toThrow(CronSyntaxError);
    expect(() => new CronSchedule(expression)).toThrow(message);
  });

  it('refuses an unknown time zone', () => {
    expect(() => new CronSchedule('* * * * *', 'Mars/Olympus_Mons')).toThrow(/unknown time zone/);
  });
});
