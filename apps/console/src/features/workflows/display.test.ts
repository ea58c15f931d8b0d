import { describe, expect, it } from 'vitest';
import { describeError } from './display';

describe('describeError', () => {
  it('summarises a serialised TypeScript error and keeps its code and stack', () => {
    const text = JSON.stringify({
      name: 'Error',
      message: 'row 87 of batch-1 is malformed',
      stack: 'Error: row 87 of batch-1 is malformed\n    at parse (workflows.js:80:37)',
      code: 'MALFORMED_ROW',
    });
    expect(describeError(text)).toEqual({
      summary: 'Error: row 87 of batch-1 is malformed',
      details:
        '{\n  "code": "MALFORMED_ROW"\n}\n\nError: row 87 of batch-1 is malformed\n    at parse (workflows.js:80:37)',
    });
  });

  it('keeps plain text (Python) as it is, first line as the summary', () => {
    expect(describeError('ValueError: bad input')).toEqual({ summary: 'ValueError: bad input' });
    expect(describeError('Traceback\n  line 1')).toEqual({
      summary: 'Traceback',
      details: '  line 1',
    });
  });

  it('treats JSON that is not an error object as text', () => {
    expect(describeError('"just a string"')).toEqual({ summary: '"just a string"' });
    expect(describeError('{"reason":"x"}')).toEqual({ summary: '{"reason":"x"}' });
  });
});
