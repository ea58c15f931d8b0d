import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDateTime,
  formatDuration,
  formatLatency,
  formatRelative,
  formatUptime,
} from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0 s'],
    [59.9, '59 s'],
    [60, '1 min'],
    [3725, '1 h 2 min'],
    [90061, '1 d 1 h 1 min'],
    [86400, '1 d 0 min'],
  ])('shows %s seconds as %s', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });
});

describe('formatLatency', () => {
  it('keeps one decimal under 10 ms and rounds above', () => {
    expect(formatLatency(1.64)).toBe('1.6 ms');
    expect(formatLatency(42.4)).toBe('42 ms');
  });
});

describe('formatDateTime', () => {
  it("shows the browser's local time, zero-padded", () => {
    const iso = new Date(2026, 10, 2, 7, 4, 6).toISOString();
    expect(formatDateTime(iso)).toBe('2026-11-02 07:04:06');
  });

  it('shows UTC, labelled, when asked', () => {
    expect(formatDateTime('2026-11-02T07:04:06.500Z', 'utc')).toBe('2026-11-02 07:04:06 UTC');
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it.each([
    ['2026-11-22T11:59:58Z', 'just now'],
    ['2026-11-22T11:59:30Z', '30 s ago'],
    ['2026-11-22T11:57:00Z', '3 min ago'],
    ['2026-11-22T09:30:00Z', '2 h ago'],
    ['2026-11-17T12:00:00Z', '5 d ago'],
    ['2026-11-25T12:00:00Z', 'in 3 d'],
  ])('%s is %s', (iso, text) => {
    expect(formatRelative(iso, now)).toBe(text);
  });
});

describe('formatCountdown', () => {
  const now = Date.parse('2026-11-22T12:00:00.000Z');
  const inSeconds = (s: number) => new Date(now + s * 1000).toISOString();
  it('counts down to the second below an hour, coarser above, and stops at zero', () => {
    expect(formatCountdown(inSeconds(42), now)).toBe('42 s');
    expect(formatCountdown(inSeconds(252), now)).toBe('4 min 12 s');
    expect(formatCountdown(inSeconds(3 * 3_600 + 20 * 60 + 5), now)).toBe('3 h 20 min');
    expect(formatCountdown(inSeconds(2 * 86_400 + 4 * 3_600), now)).toBe('2 d 4 h');
    expect(formatCountdown(inSeconds(-10), now)).toBe('0 s');
  });
});

describe('formatDuration', () => {
  it.each([
    ['2026-11-22T12:00:00.000Z', '2026-11-22T12:00:00.403Z', '403 ms'],
    ['2026-11-22T12:00:00.000Z', '2026-11-22T12:00:01.250Z', '1.3 s'],
    ['2026-11-22T12:00:00.000Z', '2026-11-22T12:02:05.000Z', '2 min 5 s'],
    ['2026-11-22T12:00:00.000Z', '2026-11-22T14:02:05.000Z', '2 h 2 min'],
  ])('%s → %s is %s', (start, end, text) => {
    expect(formatDuration(start, end)).toBe(text);
  });

  it('is null when either end is missing', () => {
    expect(formatDuration('2026-11-22T12:00:00Z', null)).toBeNull();
    expect(formatDuration(undefined, '2026-11-22T12:00:00Z')).toBeNull();
  });
});
