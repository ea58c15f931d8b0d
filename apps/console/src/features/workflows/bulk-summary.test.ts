import { describe, expect, it } from 'vitest';
import { forksOf, summarizeBulk } from './bulk-summary';

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

  it('counts deletions, and forks by the new workflows they made', () => {
    expect(
      summarizeBulk('delete', {
        results: [
          { workflowId: 'a', outcome: 'SUCCESS', status: null },
          { workflowId: 'b', outcome: 'NOT_FOUND', status: null },
        ],
      }),
    ).toBe('Delete: 1 deleted, 1 not found.');
    expect(
      summarizeBulk('forkFromFailure', {
        workflowIds: ['a-fork', 'b-fork'],
        results: [
          { workflowId: 'a', outcome: 'SUCCESS', status: 'ERROR', newWorkflowId: 'a-fork' },
          { workflowId: 'b', outcome: 'SUCCESS', status: 'ERROR', newWorkflowId: 'b-fork' },
          { workflowId: 'c', outcome: 'SUCCESS', status: 'ERROR', newWorkflowId: null },
        ],
      }),
    ).toBe('Fork from failure: 2 forked, 1 not forked.');
  });

  it('says which cancels came too late to cancel anything', () => {
    expect(
      summarizeBulk('cancel', {
        results: [
          { workflowId: 'a', outcome: 'ALREADY_FINISHED', status: 'SUCCESS' },
          { workflowId: 'b', outcome: 'SUCCESS', status: 'CANCELLED' },
        ],
      }),
    ).toBe('Cancel: 1 already finished (SUCCESS): nothing cancelled, 1 now CANCELLED.');
  });

  it('says which workflows a resume left alone, being SUCCESS or ERROR', () => {
    expect(
      summarizeBulk('resume', {
        results: [
          { workflowId: 'a', outcome: 'ALREADY_FINISHED', status: 'ERROR' },
          { workflowId: 'b', outcome: 'SUCCESS', status: 'ENQUEUED' },
        ],
      }),
    ).toBe('Resume: 1 already finished (ERROR): nothing resumed, 1 now ENQUEUED.');
  });

  it('lists the forks a bulk fork made, with their originals', () => {
    expect(
      forksOf({
        workflowIds: ['a-fork'],
        results: [
          { workflowId: 'a', outcome: 'SUCCESS', status: 'ERROR', newWorkflowId: 'a-fork' },
          { workflowId: 'b', outcome: 'NOT_FOUND', status: null, newWorkflowId: null },
        ],
      }),
    ).toEqual([{ workflowId: 'a', newWorkflowId: 'a-fork' }]);
  });

  it('says so when there was nothing to do', () => {
    expect(summarizeBulk('resume', { results: [] })).toBe('Resume: nothing to do.');
  });
});
