import { describe, expect, it } from 'vitest';
import { formatLatency, formatUptime } from './format';

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
