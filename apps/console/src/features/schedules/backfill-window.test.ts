import { describe, expect, it } from 'vitest';
import { defaultWindow, parseWindowInput, toWindowInput } from './backfill-window';

describe('the backfill window inputs', () => {
  it('reads a value in UTC, or in the browser’s zone', () => {
    expect(parseWindowInput('2026-03-01T03:00', 'utc')).toEqual(new Date('2026-03-01T03:00:00Z'));
    expect(parseWindowInput('2026-03-01T03:00', 'local')).toEqual(new Date(2026, 2, 1, 3, 0));
  });

  it('reads nothing from an empty or partial value', () => {
    expect(parseWindowInput('', 'utc')).toBeNull();
    expect(parseWindowInput('2026-03-01', 'utc')).toBeNull();
  });

  it('writes what it reads back', () => {
    const date = new Date('2026-03-01T03:04:00Z');
    for (const zone of ['utc', 'local'] as const) {
      expect(parseWindowInput(toWindowInput(date, zone), zone)).toEqual(date);
    }
  });

  it('opens on the last 24 hours, to the minute', () => {
    expect(defaultWindow(new Date('2026-03-02T10:20:30Z'), 'utc')).toEqual({
      start: '2026-03-01T10:20',
      end: '2026-03-02T10:20',
    });
  });
});
