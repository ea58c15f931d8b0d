import { queryOptions } from '../../lib/query/query';
import { fetchVersions } from './api';

export const versionQueries = {
  all: (org: string, app: string) => ['versions', org, app] as const,
  list: (org: string, app: string) =>
    queryOptions({
      queryKey: [...versionQueries.all(org, app), 'list'],
      queryFn: ({ signal }) => fetchVersions(org, app, { signal }),
      staleTime: 0,
    }),
};
