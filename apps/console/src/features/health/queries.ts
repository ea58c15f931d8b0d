import { queryOptions } from '../../lib/query/query';
import { fetchHealth, fetchReadiness } from './api';

export const HEALTH_REFETCH_INTERVAL_MS = 5_000;
// Shorter than the interval, so a hung control plane shows before the next poll.
const HEALTH_TIMEOUT_MS = 4_000;

const polling = {
  refetchInterval: HEALTH_REFETCH_INTERVAL_MS,
  // A failed poll is news: show it now instead of retrying it away for seconds.
  retry: false,
} as const;

export const healthQueries = {
  all: () => ['health'] as const,
  liveness: () =>
    queryOptions({
      queryKey: [...healthQueries.all(), 'liveness'],
      queryFn: ({ signal }) => fetchHealth({ signal, timeoutMs: HEALTH_TIMEOUT_MS }),
      ...polling,
    }),
  readiness: () =>
    queryOptions({
      queryKey: [...healthQueries.all(), 'readiness'],
      queryFn: ({ signal }) => fetchReadiness({ signal, timeoutMs: HEALTH_TIMEOUT_MS }),
      ...polling,
    }),
};
