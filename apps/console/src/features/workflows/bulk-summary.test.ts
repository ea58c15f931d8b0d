import { describe, expect, it } from 'vitest';
import { summarizeBulk } from './bulk-summary';

describe('summarizeBulk', () => {
  it('counts the statuses read back, and the ids nobody knew', () => {
    expect(
      summarizeBulk('cancel', {
        results: [
          { workflowId: 'a', outcome: 'SUCCESS', status: 'CANCELLED' },
          { workflowId: 'b', outcome: 'SUCCESS', status: 'CANCELLED' },
          { workflowId: 'c', outcome: 'SUCCESS', status: 'SUCCESS' },
          { workflowId: 'd', outcome: 'NOT_FOUND', status: null },
        ],
      }),
    ).toBe('Cancel: 2 now CANCELLED, 1 now SUCCESS, 1 not found.');
  });

  it('says so when there was nothing to do', () => {
    expect(summarizeBulk('resume', { results: [] })).toBe('Resume: nothing to do.');
  });
});
