import { describe, expect, it } from 'vitest';
import { buildListQuery } from './list-query';

describe('buildListQuery', () => {
  it('always scopes to the application and sorts oldest first', () => {
    expect(buildListQuery('s.wf', 'shop', {})).toEqual({
      sql: 'WHERE application_name = $1 ORDER BY created_at ASC, workflow_id ASC',
      params: ['shop'],
    });
  });

  it('binds every filter as a parameter, accepting single values or lists', () => {
    const { sql, params } = buildListQuery('s.wf', 'shop', {
      status: 'PENDING',
      workflowName: ['a', 'b'],
      workflowIdPrefix: 'order-%',
      startTime: new Date(1000),
      endTime: 2000,
      limit: 10,
      offset: 5,
      sortDesc: true,
    });
    expect(sql).toBe(
      'WHERE application_name = $1 AND status = ANY($2::text[]) AND name = ANY($3::text[])' +
        ' AND starts_with(workflow_id, $4) AND created_at >= $5 AND created_at <= $6' +
        ' ORDER BY created_at DESC, workflow_id DESC LIMIT $7 OFFSET $8',
    );
    expect(params).toEqual(['shop', ['PENDING'], ['a', 'b'], 'order-%', 1000, 2000, 10, 5]);
  });
});

describe('buildListQuery flags and time windows', () => {
  it('filters on completion and start windows, forks, parents and active queue entries', () => {
    const { sql, params } = buildListQuery('s.wf', 'shop', {
      completedAfter: 1,
      completedBefore: new Date(2),
      startedAfter: 3,
      startedBefore: 4,
      wasForkedFrom: true,
      hasParent: false,
      queuesOnly: true,
    });
    expect(sql).toBe(
      'WHERE application_name = $1 AND completed_at >= $2 AND completed_at <= $3' +
        ' AND started_at >= $4 AND started_at <= $5' +
        ' AND EXISTS (SELECT 1 FROM s.wf fork WHERE fork.forked_from = s.wf.workflow_id)' +
        " AND parent_workflow_id IS NULL AND queue_name IS NOT NULL AND status IN ('ENQUEUED', 'PENDING', 'DELAYED')" +
        ' ORDER BY created_at ASC, workflow_id ASC',
    );
    expect(params).toEqual(['shop', 1, 2, 3, 4]);
  });
});

describe('buildListQuery prefixes', () => {
  it('matches any of several id prefixes, and nothing for an empty list', () => {
    expect(buildListQuery('s.wf', 'shop', { workflowIdPrefix: ['a-', 'b-'] }).sql).toContain(
      '(starts_with(workflow_id, $2) OR starts_with(workflow_id, $3))',
    );
    expect(buildListQuery('s.wf', 'shop', { workflowIdPrefix: [] }).sql).toContain(' AND FALSE ');
  });
});

describe('buildListQuery dequeue windows', () => {
  it('counts a start as a dequeue on a queue only, as DBOS', () => {
    const { sql, params } = buildListQuery('s.wf', 'shop', { dequeuedAfter: 5, dequeuedBefore: 6 });
    expect(sql).toBe(
      'WHERE application_name = $1 AND queue_name IS NOT NULL AND started_at >= $2' +
        ' AND started_at <= $3 ORDER BY created_at ASC, workflow_id ASC',
    );
    expect(params).toEqual(['shop', 5, 6]);
  });
});
