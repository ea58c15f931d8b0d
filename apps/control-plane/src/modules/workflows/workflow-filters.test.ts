import {
  ListQueuedWorkflowsQuerySchema,
  ListWorkflowsQuerySchema,
  SearchWorkflowsRequestSchema,
  encodeRequest,
} from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { queryToListBody, queuedQueryToBody, searchToListBody, toPage } from './workflow-filters';

describe('searchToListBody', () => {
  it('maps every filter to its DBOS field and encodes to a valid frame', () => {
    const search = SearchWorkflowsRequestSchema.parse({
      status: ['ERROR', 'CANCELLED'],
      workflowName: ['checkout'],
      workflowIds: ['a', 'b'],
      workflowIdPrefix: ['ord-'],
      queueName: ['payments'],
      scheduleName: ['nightly'],
      user: ['alice'],
      executorId: ['e1'],
      appVersion: ['v2'],
      parentWorkflowId: ['p'],
      forkedFrom: ['f'],
      startTime: '2026-01-01T00:00:00Z',
      endTime: '2026-01-02T00:00:00.123456+02:00',
      completedAfter: '2026-01-01T00:00:00Z',
      dequeuedBefore: '2026-01-03T00:00:00Z',
      hasParent: false,
      wasForkedFrom: true,
      queuesOnly: true,
      attributes: { tenant: 'acme' },
      limit: 20,
      offset: 40,
      loadInput: true,
    });
    const body = searchToListBody(search);
    expect(body).toMatchObject({
      status: ['ERROR', 'CANCELLED'],
      workflow_uuids: ['a', 'b'],
      authenticated_user: ['alice'],
      application_version: ['v2'],
      start_time: '2026-01-01T00:00:00.000+00:00',
      end_time: '2026-01-01T22:00:00.123+00:00',
      has_parent: false,
      was_forked_from: true,
      queues_only: true,
      limit: 20,
      offset: 40,
      sort_desc: true,
      load_input: true,
      load_output: false,
    });
    const { message } = encodeRequest('list_workflows', { body });
    expect(message.body).toMatchObject({ workflow_uuids: ['a', 'b'], has_parent: false });
  });

  it('leaves out filters that are absent or empty (an explicit null would change DBOS results)', () => {
    const body = searchToListBody(
      SearchWorkflowsRequestSchema.parse({ status: [], workflowName: [] }),
    );
    const { message } = encodeRequest('list_workflows', { body });
    // No limit either: a search without one is paged by the service (WorkflowsService).
    expect(message.body).toEqual({
      offset: 0,
      sort_desc: true,
      load_input: false,
      load_output: false,
    });
  });
});

describe('query filters', () => {
  it('reads repeated and comma-separated lists, and booleans as text', () => {
    const query = ListWorkflowsQuerySchema.parse({
      status: ['SUCCESS', 'ERROR,PENDING'],
      workflowName: 'a,b',
      sortDesc: 'false',
      loadInput: '1',
      limit: '10',
    });
    expect(queryToListBody(query)).toMatchObject({
      status: ['SUCCESS', 'ERROR', 'PENDING'],
      workflow_name: ['a', 'b'],
      sort_desc: false,
      load_input: true,
      load_output: false,
      limit: 10,
      offset: 0,
    });
  });

  it('lists a queue oldest first by default', () => {
    const body = queuedQueryToBody('payments', ListQueuedWorkflowsQuerySchema.parse({}));
    expect(body).toMatchObject({ queue_name: 'payments', sort_desc: false, limit: 50 });
    expect(() => encodeRequest('list_queued_workflows', { body })).not.toThrow();
  });
});

describe('toPage', () => {
  it('offers a next offset only when the page came back full', () => {
    expect(toPage([1, 2], 2, 4)).toEqual({ items: [1, 2], limit: 2, offset: 4, nextOffset: 6 });
    expect(toPage([1], 2, 4)).toEqual({ items: [1], limit: 2, offset: 4 });
  });
});
