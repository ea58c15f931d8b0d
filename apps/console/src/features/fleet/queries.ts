import type { ExecutorStatus } from '@podium/protocol/rest';
import { queryOptions } from '@tanstack/react-query';
import { versionQueries } from '../versions/queries';
import { fetchExecutors } from './api';

export const fleetQueries = {
  all: (org: string, app: string) => ['fleet', org, app] as const,
  /** The app's executor records; only those of `status` when given. */
  executors: (org: string, app: string, status: ExecutorStatus | null = null) =>
    queryOptions({
      queryKey: [...fleetQueries.all(org, app), 'executors', status ?? 'any'],
      queryFn: ({ signal }) => fetchExecutors(org, app, status, { signal }),
      staleTime: 0,
    }),
  /** The versions live in their own feature; the same query (one cache entry). */
  versions: versionQueries.list,
};
