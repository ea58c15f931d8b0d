import { describe, expect, it } from 'vitest';
import { lastCompletedMinute } from './metrics-window';

const at = (iso: string) => Date.parse(iso);
const window = (iso: string) => {
  const { start, end } = lastCompletedMinute(at(iso));
  return [start.toISOString(), end.toISOString()];
};

describe('lastCompletedMinute', () => {
  it('is the minute before the one the clock is in', () => {
    expect(window('2026-12-04T12:34:17.250Z')).toEqual([
      '2026-12-04T12:33:00.000Z',
      '2026-12-04T12:34:00.000Z',
    ]);
  });

  it('moves on exactly at the boundary, not a millisecond before', () => {
    expect(window('2026-12-04T12:34:59.999Z')[1]).toBe('2026-12-04T12:34:00.000Z');
    expect(window('2026-12-04T12:35:00.000Z')).toEqual([
      '2026-12-04T12:34:00.000Z',
      '2026-12-04T12:35:00.000Z',
    ]);
  });

  it('crosses hours, days and years', () => {
    expect(window('2027-01-01T00:00:30.000Z')).toEqual([
      '2026-12-31T23:59:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });
});
