import { WorkflowAggregateSchema } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { mapWorkflowAggregate, toAggregatesBody } from './workflow-aggregates.mapper';

describe('workflow aggregates mapping', () => {
  it('sends DBOS’s snake_case body, leaving unset flags and empty filters out', () => {
    const body = toAggregatesBody({
      groupByWorkflowName: true,
      groupByAppVersion: true,
      selectMinCreatedAt: true,
      status: ['PENDING'],
      workflowName: [],
      workflowIds: ['wf-1'],
      user: ['alice'],
      startTime: '2026-12-01T10:00:00.000Z',
    });
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      group_by_name: true,
      group_by_application_version: true,
      select_min_created_at: true,
      status: ['PENDING'],
      workflow_ids: ['wf-1'],
      user: ['alice'],
      start_time: '2026-12-01T10:00:00.000+00:00',
    });
  });

  it('renames group keys to the REST names, keeps unknown ones, and turns epoch ms into ISO', () => {
    const row = mapWorkflowAggregate({
      group: {
        name: 'checkout',
        application_version: 'v2',
        time_bucket: '1795317900000',
        zone: 'x',
      },
      count: 4,
      min_created_at: 1795317915934,
      max_queue_wait_ms: null,
    });
    expect(row).toEqual({
      group: { workflowName: 'checkout', appVersion: 'v2', timeBucket: '1795317900000', zone: 'x' },
      count: 4,
      minCreatedAt: '2026-11-22T03:25:15.934Z',
    });
    expect(WorkflowAggregateSchema.parse(row)).toEqual(row);
  });
});
