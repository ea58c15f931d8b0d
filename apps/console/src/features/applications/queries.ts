import { MAX_PAGE_LIMIT } from '@podium/protocol/rest';
import { queryOptions } from '../../lib/query/query';
import { fetchApplication, fetchApplications } from './api';

export const appQueries = {
  all: (org: string) => ['apps', org] as const,
  /** Every application of `org` (one page of the most the API serves: orgs have few apps). */
  list: (org: string) =>
    queryOptions({
      queryKey: [...appQueries.all(org), 'list'],
      queryFn: ({ signal }) =>
        fetchApplications(org, { limit: MAX_PAGE_LIMIT, offset: 0 }, { signal }),
    }),
  detail: (org: string, app: string) =>
    queryOptions({
      queryKey: [...appQueries.all(org), 'detail', app],
      queryFn: ({ signal }) => fetchApplication(org, app, { signal }),
    }),
};
