import type { ExecutorStatusFilter } from '@podium/protocol/rest';
import { queryOptions } from '../../lib/query/query';
import { versionQueries } from '../versions/queries';
import { fetchExecutors } from './api';
import { fleetKey } from './fleet-key';

export const fleetQueries = {
  all: fleetKey,
  /** The app's executor records; only those of `status` when given. */
  executors: (org: string, app: string, status: ExecutorStatusFilter | null = null) =>
    queryOptions({
      queryKey: [...fleetQueries.all(org, app), 'executors', status ?? 'any'],
      queryFn: ({ signal }) => fetchExecutors(org, app, status, { signal }),
      staleTime: 0,
    }),
  /** The versions live in their own feature; the same query (one cache entry). */
  versions: versionQueries.list,
};
