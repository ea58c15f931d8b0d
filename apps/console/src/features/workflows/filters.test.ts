import {
  SearchWorkflowsRequestSchema,
  WorkflowAggregatesRequestSchema,
} from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filtersFromSearchParams,
  filtersToSearchParams,
  hasMoreFilters,
  hasNarrowingFilters,
  searchRequestOf,
  statusCountsRequestOf,
} from './filters';

const parse = (query: string) => filtersFromSearchParams(new URLSearchParams(query));

describe('filtersFromSearchParams', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_FILTERS);
  });

  it('reads every filter', () => {
    expect(
      parse(
        'status=ERROR&status=PENDING&name=checkout&id=wf-&queue=media&user=alice&executor=e1' +
          '&version=v2&parent=p1&forkedFrom=f1&window=1h&sort=-name&limit=20&offset=40',
      ),
    ).toEqual({
      status: ['PENDING', 'ERROR'],
      text: {
        name: 'checkout',
        id: 'wf-',
        queue: 'media',
        user: 'alice',
        executor: 'e1',
        version: 'v2',
        parent: 'p1',
        forkedFrom: 'f1',
      },
      window: '1h',
      sort: { column: 'name', desc: true },
      limit: 20,
      offset: 40,
    });
  });

  it('accepts comma-separated statuses and drops unknown or repeated ones', () => {
    expect(parse('status=ERROR,BOGUS,ERROR&status=CANCELLED').status).toEqual([
      'ERROR',
      'CANCELLED',
    ]);
  });

  it('falls back on malformed numbers and windows, and clamps the page size', () => {
    expect(parse('limit=abc&offset=-5&window=2y')).toMatchObject({
      limit: 50,
      offset: 0,
      window: 'all',
    });
    expect(parse('limit=100000').limit).toBe(1000);
    expect(parse('sort=-bogus').sort).toEqual({ column: 'created', desc: true });
    expect(parse('limit=0').limit).toBe(1);
  });
});

describe('filtersToSearchParams', () => {
  it('omits defaults, so the plain page has a plain URL', () => {
    expect(filtersToSearchParams(DEFAULT_FILTERS).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const filters = parse(
      'status=ENQUEUED&name=a%20b&id=x&executor=e%2F1&parent=p&window=7d&sort=created&limit=1000&offset=100',
    );
    expect(filtersFromSearchParams(filtersToSearchParams(filters))).toEqual(filters);
  });
});

describe('searchRequestOf', () => {
  const now = Date.parse('2026-11-22T12:00:00.000Z');
  const withText = (text: Partial<typeof DEFAULT_FILTERS.text>) => ({
    ...DEFAULT_FILTERS,
    text: { ...DEFAULT_FILTERS.text, ...text },
  });

  it('names the search fields, one value each, and always pages', () => {
    const request = searchRequestOf(
      {
        ...withText({ name: 'checkout', id: 'wf-', queue: 'media', forkedFrom: 'f1' }),
        status: ['PENDING', 'ENQUEUED'],
      },
      now,
    );
    expect(request).toEqual({
      status: ['PENDING', 'ENQUEUED'],
      workflowName: ['checkout'],
      workflowIdPrefix: ['wf-'],
      queueName: ['media'],
      forkedFrom: ['f1'],
      limit: 50,
      offset: 0,
    });
    expect(SearchWorkflowsRequestSchema.safeParse(request).success).toBe(true);
  });

  it('leaves out what is not set', () => {
    expect(searchRequestOf(DEFAULT_FILTERS, now)).toEqual({ limit: 50, offset: 0 });
  });

  it('asks the executor for oldest first only when sorting by creation time', () => {
    const sorted = (column: 'created' | 'name', desc: boolean) =>
      searchRequestOf({ ...DEFAULT_FILTERS, sort: { column, desc } }, now).sortDesc;
    expect(sorted('created', false)).toBe(false);
    expect(sorted('created', true)).toBeUndefined();
    expect(sorted('name', false)).toBeUndefined();
  });

  it('counts per status with the other filters, never the status filter', () => {
    const request = statusCountsRequestOf(
      { ...withText({ name: 'checkout' }), status: ['ERROR'], window: '1h', offset: 50 },
      now,
    );
    expect(request).toEqual({
      groupByStatus: true,
      workflowName: ['checkout'],
      startTime: '2026-11-22T11:00:00.000Z',
    });
    expect(WorkflowAggregatesRequestSchema.safeParse(request).success).toBe(true);
  });

  it('turns a window into a start time ending now', () => {
    const request = searchRequestOf({ ...DEFAULT_FILTERS, window: '1h', offset: 50 }, now);
    expect(request).toMatchObject({ startTime: '2026-11-22T11:00:00.000Z', offset: 50 });
  });

  it('opens "More filters" only for the filters behind it', () => {
    expect(hasMoreFilters(withText({ name: 'x', id: 'y' }))).toBe(false);
    expect(hasMoreFilters(withText({ user: 'alice' }))).toBe(true);
    expect(hasNarrowingFilters(withText({ user: 'alice' }))).toBe(true);
  });
});

describe('hasNarrowingFilters', () => {
  it('ignores paging', () => {
    expect(hasNarrowingFilters({ ...DEFAULT_FILTERS, offset: 50, limit: 20 })).toBe(false);
    expect(hasNarrowingFilters({ ...DEFAULT_FILTERS, window: '15m' })).toBe(true);
  });
});
