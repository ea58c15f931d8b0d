import { queryOptions } from '../../lib/query/query';
import { fetchQueuedWorkflows, fetchQueues } from './api';

export const queueQueries = {
  all: (org: string, app: string) => ['queues', org, app] as const,
  list: (org: string, app: string) =>
    queryOptions({
      queryKey: [...queueQueries.all(org, app), 'list'],
      queryFn: ({ signal }) => fetchQueues(org, app, { signal }),
      staleTime: 0,
    }),
  workflows: (org: string, app: string, queue: string) =>
    queryOptions({
      queryKey: [...queueQueries.all(org, app), 'workflows', queue],
      queryFn: ({ signal }) => fetchQueuedWorkflows(org, app, queue, { signal }),
      staleTime: 0,
    }),
};
