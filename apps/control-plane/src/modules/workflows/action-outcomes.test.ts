import { describe, expect, it } from 'vitest';
import { cancelOutcome } from './action-outcomes';

describe('cancelOutcome', () => {
  it('is SUCCESS when the cancel took: active before, CANCELLED after', () => {
    expect(cancelOutcome('PENDING', 'CANCELLED')).toBe('SUCCESS');
    expect(cancelOutcome('ENQUEUED', 'CANCELLED')).toBe('SUCCESS');
  });

  it('is ALREADY_FINISHED when it had finished, or finished otherwise on the way', () => {
    expect(cancelOutcome('SUCCESS', 'SUCCESS')).toBe('ALREADY_FINISHED');
    expect(cancelOutcome('CANCELLED', 'CANCELLED')).toBe('ALREADY_FINISHED');
    expect(cancelOutcome('PENDING', 'SUCCESS')).toBe('ALREADY_FINISHED');
    expect(cancelOutcome('PENDING', 'ERROR')).toBe('ALREADY_FINISHED');
  });

  it('claims nothing was left undone when the status could not be read back', () => {
    expect(cancelOutcome('PENDING', null)).toBe('SUCCESS');
  });
});
