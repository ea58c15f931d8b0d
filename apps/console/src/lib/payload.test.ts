import { describe, expect, it } from 'vitest';
import { formatPayload, payloadFileName } from './payload';

describe('formatPayload', () => {
  it('pretty-prints JSON objects and arrays', () => {
    expect(formatPayload('{"a":1,"b":[true,null]}')).toEqual({
      kind: 'json',
      text: '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}',
    });
    expect(formatPayload(' [1,2] ')).toEqual({ kind: 'json', text: '[\n  1,\n  2\n]' });
  });

  it('lays JSON out as sent: big integers, number spellings, repeated keys and strings kept', () => {
    const sent =
      '{"id":12345678901234567890, "ratio":1.0,"n":1e5,"k":1,"k":2,"s":"a, b: {c} [d] \\" e","e":[ ],"o":{}}';
    expect(formatPayload(sent).text).toBe(
      [
        '{',
        '  "id": 12345678901234567890,',
        '  "ratio": 1.0,',
        '  "n": 1e5,',
        '  "k": 1,',
        '  "k": 2,',
        '  "s": "a, b: {c} [d] \\" e",',
        '  "e": [],',
        '  "o": {}',
        '}',
      ].join('\n'),
    );
  });

  it('lays nested JSON out as JSON.stringify would', () => {
    const value = { a: [1, { b: [], c: { d: 'x' } }], e: null, f: [[true]] };
    expect(formatPayload(JSON.stringify(value)).text).toBe(JSON.stringify(value, null, 2));
  });

  it('keeps anything else exactly as the executor sent it', () => {
    for (const value of ["{ orderId: 'o-1', total: 12 }", "[ 'a', 'b' ]", "'text'", '42', '']) {
      expect(formatPayload(value)).toEqual({ kind: 'text', text: value });
    }
  });
});

describe('payloadFileName', () => {
  it('names the file by its kind, without characters a file system refuses', () => {
    expect(payloadFileName('wf/1:input', { kind: 'json', text: '{}' })).toBe('wf_1_input.json');
    expect(payloadFileName('', { kind: 'text', text: 'x' })).toBe('payload.txt');
  });
});
