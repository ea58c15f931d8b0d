import { describe, expect, it } from 'vitest';
import {
  deserializeError,
  deserializeValue,
  serializeError,
  serializeValue,
} from './serialization';

const roundTrip = (value: unknown): unknown => deserializeValue(serializeValue(value));

describe('value serialisation', () => {
  it('round-trips plain JSON values', () => {
    const value = { a: 1, b: 'x', c: [true, null, { d: 2.5 }] };
    expect(roundTrip(value)).toEqual(value);
  });

  it('round-trips Dates, BigInts and undefined at every depth', () => {
    const date = new Date('2024-05-06T07:08:09.010Z');
    expect(roundTrip(date)).toEqual(date);
    expect(roundTrip(12345678901234567890n)).toBe(12345678901234567890n);
    expect(roundTrip(undefined)).toBeUndefined();
    const nested = roundTrip({ at: date, n: 1n, list: [undefined, 2], gone: undefined });
    expect(nested).toEqual({ at: date, n: 1n, list: [undefined, 2], gone: undefined });
    expect(Object.keys(nested as object)).toContain('gone');
  });

  it('keeps an invalid Date invalid', () => {
    const back = roundTrip(new Date(Number.NaN)) as Date;
    expect(back).toBeInstanceOf(Date);
    expect(Number.isNaN(back.getTime())).toBe(true);
  });

  it('stores readable JSON text', () => {
    expect(serializeValue({ x: 1n })).toBe('{"x":{"$bigint":"1"}}');
  });
});

describe('error serialisation', () => {
  it('keeps name, message, stack and code', () => {
    const error = Object.assign(new TypeError('boom'), { code: 'E_BOOM' });
    const back = deserializeError(serializeError(error)) as Error & { code?: string };
    expect(back).toBeInstanceOf(Error);
    expect(back.name).toBe('TypeError');
    expect(back.message).toBe('boom');
    expect(back.stack).toBe(error.stack);
    expect(back.code).toBe('E_BOOM');
  });

  it('accepts thrown non-errors', () => {
    expect(deserializeError(serializeError('plain')).message).toBe('plain');
    expect(deserializeError(serializeError({ why: 1 })).message).toBe('{"why":1}');
  });
});
