import { ListWorkflowsQuerySchema, SearchWorkflowsRequestSchema } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { lastKnownFilterOfQuery, lastKnownFilterOfSearch } from './last-known-filters';

describe('the filters the last-known index honours', () => {
  it('takes the list query whole', () => {
    const query = ListWorkflowsQuerySchema.parse({
      status: 'ERROR,PENDING',
      workflowIdPrefix: 'ord',
      startTime: '2026-12-01T00:00:00Z',
      sortDesc: 'false',
      limit: '20',
    });
    expect(lastKnownFilterOfQuery(query)).toMatchObject({
      status: ['ERROR', 'PENDING'],
      idPrefixes: ['ord'],
      createdFrom: new Date('2026-12-01T00:00:00Z'),
      sortDesc: false,
      limit: 20,
      offset: 0,
    });
  });

  it('answers a search on kept fields, and refuses one on anything else', () => {
    const search = (body: object) =>
      lastKnownFilterOfSearch(SearchWorkflowsRequestSchema.parse(body), 50);
    expect(search({ workflowName: ['a'], queueName: [], attributes: {} })).toMatchObject({
      names: ['a'],
      queueNames: undefined,
      limit: 50,
    });
    expect(search({ user: ['alice'] })).toBeNull();
    expect(search({ hasParent: false })).toBeNull();
    expect(search({ attributes: { tenant: 'x' } })).toBeNull();
    expect(search({ completedAfter: '2026-12-01T00:00:00Z' })).toBeNull();
  });
});
