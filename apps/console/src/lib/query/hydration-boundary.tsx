'use client';

import { useEffect, useState, type ReactNode } from 'react';
import type { DehydratedState } from './query-client';
import { useQueryClient } from './query-context';

/**
 * Puts what a server component fetched into the browser's cache before its children render.
 * Queries already cached (shown elsewhere) take the server's newer answers after rendering,
 * as updating them during this render would re-render other components mid-render.
 */
export function HydrationBoundary({
  state,
  children,
}: {
  state: DehydratedState;
  children: ReactNode;
}) {
  const client = useQueryClient();
  useState(() => client.hydrate(state, { onlyNew: true }));
  useEffect(() => client.hydrate(state, { onlyNew: false }), [client, state]);
  return children;
}
