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
