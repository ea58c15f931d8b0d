// The TanStack Query client for the App Router (TanStack's nextjs-app-prefetching
// example): a new client for every server request, one shared client in the browser.
import { defaultShouldDehydrateQuery, isServer, QueryClient } from '@tanstack/react-query';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data prefetched on the server is fresh on arrival: no refetch on mount.
        staleTime: 60_000,
      },
      dehydrate: {
        // Also send queries still pending, so a server component may prefetch without awaiting.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  // One client for the whole browser session: React may re-render the provider
  // (suspense) and must not lose the cache when it does.
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
