import { WORKFLOW_STATUSES } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { actionBlockedReason, allows, canCancel, canResume, rewindBlockedReason } from './status';
import { statusTone } from './status-tone';

describe('workflow actions by status', () => {
  it('cancels only active workflows', () => {
    expect(WORKFLOW_STATUSES.filter(canCancel)).toEqual(['PENDING', 'ENQUEUED', 'DELAYED']);
  });

  it('resumes what DBOS resumes: everything not finished (SUCCESS and ERROR are final)', () => {
    expect(WORKFLOW_STATUSES.filter(canResume)).toEqual(
      WORKFLOW_STATUSES.filter((status) => status !== 'SUCCESS' && status !== 'ERROR'),
    );
    expect(canResume('PENDING')).toBe(true);
    expect(canResume('ERROR')).toBe(false);
  });

  it('deletes only workflows that no longer run', () => {
    expect(WORKFLOW_STATUSES.filter((s) => allows('delete', s))).toEqual(
      WORKFLOW_STATUSES.filter((s) => !canCancel(s)),
    );
    expect(actionBlockedReason('delete', 'PENDING', true)).toBe(
      'A workflow in PENDING is still active: cancel it first.',
    );
  });

  it('forks from failure what did not succeed and no longer runs', () => {
    expect(WORKFLOW_STATUSES.filter((s) => allows('forkFromFailure', s)).sort()).toEqual([
      'CANCELLED',
      'ERROR',
      'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
    ]);
  });

  it('rewinds only workflows that no longer run', () => {
    expect(rewindBlockedReason('SUCCESS')).toBeUndefined();
    expect(rewindBlockedReason('ERROR')).toBeUndefined();
    expect(rewindBlockedReason('PENDING')).toBe(
      'A workflow in PENDING is still active: cancel it first.',
    );
    expect(rewindBlockedReason(null)).toBe('A workflow in UNKNOWN cannot be rewound.');
  });

  it('offers nothing on a status it does not know', () => {
    expect(canCancel('PAUSED')).toBe(false);
    expect(canResume(null)).toBe(false);
    expect(allows('delete', 'PAUSED')).toBe(false);
    expect(actionBlockedReason('cancel', null, true)).toBe(
      'A workflow in UNKNOWN cannot be cancelled.',
    );
    expect(statusTone('PAUSED')).toBe('neutral');
  });

  it('says why a button is disabled, the role first', () => {
    expect(actionBlockedReason('fork', 'SUCCESS', false)).toMatch(/role/);
    expect(actionBlockedReason('cancel', 'SUCCESS', true)).toBe(
      'A workflow in SUCCESS cannot be cancelled.',
    );
    expect(actionBlockedReason('fork', 'SUCCESS', true)).toBeUndefined();
  });
});
