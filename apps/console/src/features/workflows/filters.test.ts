import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filtersFromSearchParams,
  filtersToSearchParams,
  hasNarrowingFilters,
  listQueryOf,
} from './filters';

const parse = (query: string) => filtersFromSearchParams(new URLSearchParams(query));

describe('filtersFromSearchParams', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_FILTERS);
  });

  it('reads every filter', () => {
    expect(
      parse('status=ERROR&status=PENDING&name=checkout&id=wf-&window=1h&limit=20&offset=40'),
    ).toEqual({
      status: ['PENDING', 'ERROR'],
      name: 'checkout',
      idPrefix: 'wf-',
      window: '1h',
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
    expect(parse('limit=100000').limit).toBe(500);
    expect(parse('limit=0').limit).toBe(1);
  });
});

describe('filtersToSearchParams', () => {
  it('omits defaults, so the plain page has a plain URL', () => {
    expect(filtersToSearchParams(DEFAULT_FILTERS).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const filters = parse('status=ENQUEUED&name=a%20b&id=x&window=7d&limit=100&offset=100');
    expect(filtersFromSearchParams(filtersToSearchParams(filters))).toEqual(filters);
  });
});

describe('listQueryOf', () => {
  const now = Date.parse('2026-11-22T12:00:00.000Z');

  it('names the API parameters and always pages', () => {
    const query = listQueryOf(
      { ...DEFAULT_FILTERS, status: ['PENDING', 'ENQUEUED'], name: 'checkout', idPrefix: 'wf-' },
      now,
    );
    expect(query.toString()).toBe(
      'status=PENDING&status=ENQUEUED&workflowName=checkout&workflowIdPrefix=wf-&limit=50&offset=0',
    );
  });

  it('turns a window into a start time ending now', () => {
    const query = listQueryOf({ ...DEFAULT_FILTERS, window: '1h', offset: 50 }, now);
    expect(query.get('startTime')).toBe('2026-11-22T11:00:00.000Z');
    expect(query.get('offset')).toBe('50');
  });
});

describe('hasNarrowingFilters', () => {
  it('ignores paging', () => {
    expect(hasNarrowingFilters({ ...DEFAULT_FILTERS, offset: 50, limit: 20 })).toBe(false);
    expect(hasNarrowingFilters({ ...DEFAULT_FILTERS, window: '15m' })).toBe(true);
  });
});
