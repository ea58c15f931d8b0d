import type { ExecutorStatus } from '@podium/protocol/rest';
import { queryOptions } from '@tanstack/react-query';
import { fetchExecutors, fetchVersions } from './api';

export const fleetQueries = {
  all: (org: string, app: string) => ['fleet', org, app] as const,
  /** The app's executor records; only those of `status` when given. */
  executors: (org: string, app: string, status: ExecutorStatus | null = null) =>
    queryOptions({
      queryKey: [...fleetQueries.all(org, app), 'executors', status ?? 'any'],
      queryFn: ({ signal }) => fetchExecutors(org, app, status, { signal }),
      staleTime: 0,
    }),
  versions: (org: string, app: string) =>
    queryOptions({
      queryKey: [...fleetQueries.all(org, app), 'versions'],
      queryFn: ({ signal }) => fetchVersions(org, app, { signal }),
      staleTime: 0,
    }),
};
