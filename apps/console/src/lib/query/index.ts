// The console's data layer for client components. Server components import `query-client`
// and `hydration-boundary` directly; `useQueries` (one dialog) is imported from its file.
export { keepPreviousData, queryOptions, type QueryOptions, type UseQueryOptions } from './query';
export type { QueryClient } from './query-client';
export { QueryClientProvider, useQueryClient } from './query-context';
export { useMutation } from './use-mutation';
export { useQuery } from './use-query';
