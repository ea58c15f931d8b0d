import { describe, expect, it } from 'vitest';
import { cancelOutcome, resumeOutcome } from './action-outcomes';

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

describe('resumeOutcome', () => {
  it('is ALREADY_FINISHED for the statuses DBOS leaves alone, SUCCESS for the others', () => {
    expect(resumeOutcome('SUCCESS')).toBe('ALREADY_FINISHED');
    expect(resumeOutcome('ERROR')).toBe('ALREADY_FINISHED');
    for (const status of ['CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', 'PENDING', 'ENQUEUED']) {
      expect(resumeOutcome(status)).toBe('SUCCESS');
    }
    expect(resumeOutcome(null)).toBe('SUCCESS');
  });
});
