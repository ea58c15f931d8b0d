import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromSearchParams } from './filters';
import { workflowListHref } from './workflow-list-href';

describe('workflowListHref', () => {
  it('links to the list filtered as given, which the list reads back, defaults left out', () => {
    const href = workflowListHref('acme', 'shop', {
      status: ['PENDING', 'ENQUEUED'],
      text: { queue: 'media & more' },
    });
    const [path, query] = href.split('?') as [string, string];
    expect(path).toBe('/orgs/acme/apps/shop/workflows');
    expect(query).toBe('status=PENDING&status=ENQUEUED&queue=media+%26+more');
    expect(filtersFromSearchParams(new URLSearchParams(query))).toEqual({
      ...DEFAULT_FILTERS,
      status: ['PENDING', 'ENQUEUED'],
      text: { ...DEFAULT_FILTERS.text, queue: 'media & more' },
    });
  });
});
