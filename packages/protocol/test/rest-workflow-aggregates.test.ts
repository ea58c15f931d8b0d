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
    expect(WorkflowAggregatesRequestSchema.parse({ timeBucketSizeMs: 3_600_000 })).toEqual({
      timeBucketSizeMs: 3_600_000,
    });
  });

  it('bounds the time buckets an executor is asked for', () => {
    const day = { startTime: '2026-12-01T00:00:00Z', endTime: '2026-12-02T00:00:00Z' };
    const issueOf = (body: object) =>
      WorkflowAggregatesRequestSchema.safeParse(body).error?.issues.map((i) => i.message);
    expect(issueOf({ ...day, timeBucketSizeMs: 1_000 })).toBeUndefined(); // 86,400 buckets
    expect(issueOf({ ...day, timeBucketSizeMs: 999 })).toEqual(['at least 1000 ms']);
    expect(
      issueOf({
        startTime: '2026-01-01T00:00:00Z',
        endTime: '2026-03-01T00:00:00Z',
        timeBucketSizeMs: 1_000,
      }),
    ).toEqual(['at most 100000 buckets in the window: longer buckets or a shorter window']);
    expect(issueOf({ timeBucketSizeMs: 60_000 })).toEqual([
      'at least 3600000 ms without startTime; give a window',
    ]);
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
