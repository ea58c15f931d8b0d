import { describe, expect, it } from 'vitest';
import { resolveLogFormat } from './log-format';

describe('resolveLogFormat', () => {
  it('is pretty on a terminal and JSON when stdout is piped or collected', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat(undefined, true)).toBe('pretty');
  });

  it('follows an explicit json or pretty whatever stdout is', () => {
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});
