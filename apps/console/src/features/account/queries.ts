import { queryOptions } from '../../lib/query/query';
import { fetchSessions } from './api';

export const accountQueries = {
  all: () => ['account'] as const,
  sessions: () =>
    queryOptions({
      queryKey: [...accountQueries.all(), 'sessions'],
      queryFn: ({ signal }) => fetchSessions({ signal }),
    }),
};
