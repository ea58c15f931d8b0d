import { queryOptions } from '../../lib/query/query';
import { fetchCurrentUser } from './api';

export const sessionQueries = {
  all: () => ['session'] as const,
  /** The user and their organizations; organization pages read roles from it. */
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'],
      queryFn: ({ signal }) => fetchCurrentUser({ signal }),
      staleTime: 30_000,
    }),
};
