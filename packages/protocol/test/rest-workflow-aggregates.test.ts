import { describe, expect, it } from 'vitest';
import { WorkflowAggregatesRequestSchema, WorkflowAggregatesResponseSchema } from '../src/rest-api';

describe('workflow aggregates REST schemas', () => {
  it('takes DBOS Conductor’s body: group flags, select flags, filters (lists may be null)', () => {
    const body = {
      groupByStatus: true,
      groupByWorkflowName: true,
      selectCount: true,
      status: ['ERROR'],
      workflowName: null,
      startTime: '2026-12-01T00:00:00Z',
    };
    expect(WorkflowAggregatesRequestSchema.parse(body)).toEqual(body);
    expect(WorkflowAggregatesRequestSchema.parse({ timeBucketSizeMs: 60_000 })).toEqual({
      timeBucketSizeMs: 60_000,
    });
  });

  it('refuses a body that groups by nothing, unknown keys, unknown statuses and bad times', () => {
    for (const body of [
      {},
      { selectCount: true },
      { groupByStatus: false },
      { groupByStatus: true, workflow_name: ['x'] },
      { groupByStatus: true, status: ['DONE'] },
      { groupByStatus: true, startTime: 'yesterday' },
      { timeBucketSizeMs: 0 },
    ]) {
      expect(WorkflowAggregatesRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(
        false,
      );
    }
  });

  it('answers a bare list of groups whose selected values are optional', () => {
    const rows = [{ group: { status: 'SUCCESS', queueName: null }, count: 3 }, { group: {} }];
    expect(WorkflowAggregatesResponseSchema.parse(rows)).toEqual(rows);
  });
});
