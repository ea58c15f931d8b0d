import { queryOptions } from '@tanstack/react-query';
import { fetchExecutors, fetchVersions } from './api';

export const fleetQueries = {
  all: (org: string, app: string) => ['fleet', org, app] as const,
  executors: (org: string, app: string) =>
    queryOptions({
      queryKey: [...fleetQueries.all(org, app), 'executors'],
      queryFn: ({ signal }) => fetchExecutors(org, app, { signal }),
      staleTime: 0,
    }),
  versions: (org: string, app: string) =>
    queryOptions({
      queryKey: [...fleetQueries.all(org, app), 'versions'],
      queryFn: ({ signal }) => fetchVersions(org, app, { signal }),
      staleTime: 0,
    }),
};
