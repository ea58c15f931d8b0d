import { queryOptions } from '../../lib/query/query';
import { fetchApiKeys } from './api';

export const apiKeyQueries = {
  all: (org: string) => ['api-keys', org] as const,
  list: (org: string) =>
    queryOptions({
      queryKey: [...apiKeyQueries.all(org), 'list'],
      queryFn: ({ signal }) => fetchApiKeys(org, { signal }),
    }),
};
