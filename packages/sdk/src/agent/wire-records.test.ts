import { QueueOutputSchema, WorkflowStepsSchema, WorkflowsOutputSchema } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { WorkflowStatus } from '../types';
import { display, toQueueOutput, toWorkflowSteps, toWorkflowsOutput } from './wire-records';

const base: WorkflowStatus = {
  workflowId: 'wf-1',
  workflowName: 'checkout',
  status: 'PENDING',
  executorId: 'exec-1',
  applicationVersion: 'v1',
  applicationName: 'shop',
  queueName: 'orders',
  authenticatedUser: null,
  parentWorkflowId: 'parent',
  forkedFrom: null,
  wasForkedFrom: false,
  deduplicationId: null,
  scheduleName: null,
  queuePartitionKey: null,
  delayUntilEpochMs: null,
  priority: 3,
  timeoutMs: 5_000,
  deadlineEpochMs: 1_795_317_920_934,
  recoveryAttempts: 0,
  createdAt: 1_795_317_915_934,
  updatedAt: 1_795_317_915_940,
  startedAt: 1_795_317_915_935,
  completedAt: null,
};

describe('wire records', () => {
  it('renders values like util.inspect, without depth or length limits', () => {
    expect(display([{ n: 41, label: 'complete' }])).toBe("[ { n: 41, label: 'complete' } ]");
    expect(display({ a: { b: { c: { d: { e: 1 } } } } })).toContain('e: 1');
    expect(display([new Date(0), 10n])).toBe('[ 1970-01-01T00:00:00.000Z, 10n ]');
    expect(display('x'.repeat(20_000))).toHaveLength(20_002);
  });

  it('maps a workflow to PascalCase keys with epoch-ms strings, leaving absent values out', () => {
    const output = toWorkflowsOutput({ ...base, input: ['o-1', 2] });
    expect(output).toEqual({
      WorkflowUUID: 'wf-1',
      Status: 'PENDING',
      WorkflowName: 'checkout',
      Input: "[ 'o-1', 2 ]",
      CreatedAt: '1795317915934',
      UpdatedAt: '1795317915940',
      QueueName: 'orders',
      ApplicationVersion: 'v1',
      ExecutorID: 'exec-1',
      WorkflowTimeoutMS: '5000',
      WorkflowDeadlineEpochMS: '1795317920934',
      Priority: '3',
      DequeuedAt: '1795317915935',
      WasForkedFrom: false,
      ParentWorkflowID: 'parent',
      ApplicationName: 'shop',
    });
    expect(WorkflowsOutputSchema.parse(output)).toEqual(output);
  });

  it('reports the queue options of a workflow: deduplication id, partition, delay', () => {
    const queued = {
      ...base,
      status: 'DELAYED' as const,
      deduplicationId: 'order-7',
      queuePartitionKey: 'tenant-a',
      delayUntilEpochMs: 1_795_317_999_000,
      startedAt: null,
    };
    expect(toWorkflowsOutput(queued)).toMatchObject({
      Status: 'DELAYED',
      DeduplicationID: 'order-7',
      QueuePartitionKey: 'tenant-a',
      DelayUntilEpochMS: '1795317999000',
    });
    const queue = toQueueOutput({ name: 'q', partitionConcurrency: 1 }, 'shop', 500);
    expect(queue).toMatchObject({ partition_queue: true, partition_concurrency: 1 });
    expect(QueueOutputSchema.parse(queue)).toEqual(queue);
  });

  it('renders falsy outputs and serialises errors as JSON', () => {
    expect(toWorkflowsOutput({ ...base, queueName: null, output: 0 })).toMatchObject({
      Output: '0',
    });
    expect(toWorkflowsOutput({ ...base, queueName: null })).not.toHaveProperty('DequeuedAt');
    const error = { name: 'Error', message: 'declined', code: 'E1' };
    expect(JSON.parse(toWorkflowsOutput({ ...base, error }).Error ?? '')).toEqual(error);
    const step = toWorkflowSteps({
      functionId: 1,
      functionName: 'charge',
      error,
      childWorkflowId: null,
      startedAt: 10,
      completedAt: 12,
    });
    expect(step).toEqual({
      function_id: 1,
      function_name: 'charge',
      error: JSON.stringify(error),
      started_at_epoch_ms: '10',
      completed_at_epoch_ms: '12',
    });
    expect(WorkflowStepsSchema.parse(step)).toEqual(step);
  });
});
