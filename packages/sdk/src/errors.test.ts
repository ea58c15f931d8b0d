import { describe, expect, it } from 'vitest';
import { PodiumError, WorkflowCancelledError, WorkflowNotFoundError } from './errors';

describe('errors', () => {
  it('carries a stable code and the class name', () => {
    const error = new WorkflowNotFoundError('wf-1');
    expect(error.code).toBe('WORKFLOW_NOT_FOUND');
    expect(error.name).toBe('WorkflowNotFoundError');
    expect(error.workflowId).toBe('wf-1');
  });

  it('matches instanceof by brand and code, not by class identity', () => {
    // A structurally identical error from a duplicate install of the SDK.
    const foreign = Object.assign(new Error('x'), { code: 'WORKFLOW_CANCELLED' });
    Object.defineProperty(foreign, Symbol.for('@podium/sdk.error'), { value: true });
    expect(foreign).toBeInstanceOf(PodiumError);
    expect(foreign).toBeInstanceOf(WorkflowCancelledError);
    expect(foreign).not.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('does not match unbranded errors', () => {
    const plain = Object.assign(new Error('x'), { code: 'WORKFLOW_CANCELLED' });
    expect(plain).not.toBeInstanceOf(PodiumError);
    expect(new WorkflowCancelledError('a')).not.toBeInstanceOf(WorkflowNotFoundError);
  });
});
