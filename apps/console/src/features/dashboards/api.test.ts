// The adapters from wire shapes to the dashboards' own: where a renamed field or a changed list
// shape shows up first.
import {
  ExecutorSchema,
  WorkflowAggregateSchema,
  WorkflowSchema,
  type Workflow,
} from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { executorFixture } from '../fleet/executor-fixture';
import { completedRunOf, executorSpanOf, queueCountOf, statusBucketOf } from './api';

const workflow = (fields: Partial<Workflow>): Workflow =>
  WorkflowSchema.parse({
    ...Object.fromEntries(Object.keys(WorkflowSchema.shape).map((key) => [key, null])),
    workflowId: 'wf-1',
    ...fields,
  });

describe('dashboard adapters', () => {
  it('reads a status/time-bucket aggregate (the bucket is epoch ms as text)', () => {
    const row = WorkflowAggregateSchema.parse({
      group: { status: 'ERROR', timeBucket: '1795316400000' },
      count: 4,
    });
    expect(statusBucketOf(row)).toEqual({ timeBucket: 1795316400000, status: 'ERROR', count: 4 });
  });

  it('reads a queue aggregate with its oldest creation time', () => {
    const row = WorkflowAggregateSchema.parse({
      group: { queueName: 'media' },
      count: 2,
      minCreatedAt: '2026-12-04T10:00:00.000Z',
    });
    expect(queueCountOf(row)).toEqual({
      queueName: 'media',
      count: 2,
      minCreatedAt: Date.parse('2026-12-04T10:00:00.000Z'),
    });
  });

  it('times a finished workflow from creation to completion, else to its last update', () => {
    const created = '2026-12-04T10:00:00.000Z';
    expect(
      completedRunOf(
        workflow({
          workflowName: 'compose',
          createdAt: created,
          completedAt: '2026-12-04T10:00:01.500Z',
        }),
      ),
    ).toEqual({ workflowName: 'compose', durationMs: 1500 });
    expect(
      completedRunOf(
        workflow({
          workflowName: 'compose',
          createdAt: created,
          updatedAt: '2026-12-04T10:00:00.250Z',
        }),
      ),
    ).toEqual({ workflowName: 'compose', durationMs: 250 });
    expect(completedRunOf(workflow({ workflowName: null, createdAt: created }))).toBeNull();
  });

  it('turns executor records into connection spans', () => {
    const base = executorFixture('ex-1', '2026-12-04T10:00:00.000Z', {
      appVersion: 'v7',
      updatedAt: '2026-12-04T10:05:00.000Z',
      lastSeenAt: '2026-12-04T10:05:00.000Z',
    });
    const connected = ExecutorSchema.parse({ ...base, status: 'HEALTHY', disconnectedAt: null });
    expect(executorSpanOf(connected)).toEqual({
      version: 'v7',
      connectedAt: Date.parse(base.connectedAt),
      endedAt: null,
    });
    const gone = ExecutorSchema.parse({
      ...base,
      status: 'DEAD',
      disconnectedAt: '2026-12-04T10:04:00.000Z',
    });
    expect(executorSpanOf(gone).endedAt).toBe(Date.parse('2026-12-04T10:04:00.000Z'));
  });
});
