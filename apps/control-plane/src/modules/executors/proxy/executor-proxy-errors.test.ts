import { describe, expect, it } from 'vitest';
import { summarizeExecutorError } from './executor-proxy-errors';

describe('summarizeExecutorError', () => {
  it('keeps a TypeScript executor’s message as it is', () => {
    expect(summarizeExecutorError('Exception encountered when forking workflow x: boom')).toBe(
      'Exception encountered when forking workflow x: boom',
    );
  });

  it('keeps the context and the final exception of a Python traceback', () => {
    const message = [
      'Exception encountered when resuming workflow w: Traceback (most recent call last):',
      '  File "/app/dbos/_conductor/conductor.py", line 88, in run',
      '    self.dbos.resume_workflow(w)',
      '  File "/app/dbos/_sys_db.py", line 12, in resume',
      '    raise DBOSException("nope")',
      'dbos._error.DBOSException: nope',
      '',
    ].join('\n');
    expect(summarizeExecutorError(message)).toBe(
      'Exception encountered when resuming workflow w:\ndbos._error.DBOSException: nope',
    );
  });

  it('drops JavaScript stack frames, caps lines and length', () => {
    const js = 'Error: bad\n    at f (/app/x.js:1:1)\n    at g (/app/y.js:2:2)';
    expect(summarizeExecutorError(js)).toBe('Error: bad');
    const many = ['1', '2', '3', '4', '5'].join('\n');
    expect(summarizeExecutorError(many)).toBe('1\n2\n3');
    expect(summarizeExecutorError('x'.repeat(2000))).toHaveLength(500);
  });

  it('says something useful for an empty message', () => {
    expect(summarizeExecutorError('   ')).toMatch(/without a message/);
  });
});
