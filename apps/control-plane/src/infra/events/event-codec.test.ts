import { describe, expect, it } from 'vitest';
import { decodeWithDates, encodeWithDates } from './event-codec';

describe('encodeWithDates / decodeWithDates', () => {
  it('round-trips Dates (nested, in arrays, null beside them) and leaves the rest alone', () => {
    const value = {
      connectedAt: new Date('2026-01-02T03:04:05.678Z'),
      disconnectedAt: null,
      nested: { at: [new Date(0)], text: '2026-01-02T03:04:05.678Z', n: 1 },
    };
    const decoded = decodeWithDates(encodeWithDates(value)) as typeof value;
    expect(decoded).toEqual(value);
    expect(decoded.connectedAt).toBeInstanceOf(Date);
    expect(decoded.nested.text).toBe('2026-01-02T03:04:05.678Z');
  });

  it('keeps an object that only looks like a tag when it has other keys', () => {
    const value = { metadata: { $date: 'x', other: true } };
    expect(decodeWithDates(encodeWithDates(value))).toEqual(value);
  });
});
