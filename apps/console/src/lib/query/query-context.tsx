'use client';

import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { QueryClient } from './query-client';

const QueryClientContext = createContext<QueryClient | null>(null);

/** Makes `client` the pages' cache; refetches what is shown and stale when the tab returns. */
export function QueryClientProvider({
  client,
  children,
}: {
  client: QueryClient;
  children: ReactNode;
}) {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') client.refetchStale();
    };
    const onOnline = () => client.refetchStale();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
    };
  }, [client]);
  return <QueryClientContext.Provider value={client}>{children}</QueryClientContext.Provider>;
}

export function useQueryClient(): QueryClient {
  const client = useContext(QueryClientContext);
  if (!client) throw new Error('useQueryClient needs a QueryClientProvider above it');
  return client;
}
