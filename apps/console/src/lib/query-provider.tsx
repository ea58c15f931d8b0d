'use client';

import { QueryClientProvider } from './query/query-context';
import type { ReactNode } from 'react';
import { getQueryClient } from './get-query-client';

export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
