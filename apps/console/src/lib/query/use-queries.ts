'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Query, QueryOptions, QueryState } from './query';
import { useQueryClient } from './query-context';

/**
 * `useQuery` for a list whose length varies (one query per organization, say): each query's
 * state, fetched when stale, re-rendered on every change to any of them.
 */
export function useQueries<T>(list: readonly QueryOptions<T>[]): QueryState<T>[] {
  const client = useQueryClient();
  const queries = list.map((options) => client.query(options));
  // The same queries in the same order keep the same subscription and snapshot.
  const current = useRef<{ queries: Query<T>[]; states: QueryState<T>[] }>({ queries, states: [] });
  if (!sameItems(current.current.queries, queries)) current.current = { queries, states: [] };
  const held = current.current;

  const snapshot = () => {
    const now = held.queries.map((query) => query.state);
    if (!sameItems(held.states, now)) held.states = now;
    return held.states;
  };
  const states = useSyncExternalStore(
    (listener) => {
      const unsubscribes = held.queries.map((query) => query.subscribe(listener));
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
    snapshot,
    snapshot,
  );

  useEffect(() => {
    const staleTime = client.config.defaults.staleTime;
    const unobserves = held.queries.map((query) =>
      client.observe(query, { enabled: true, staleTime }),
    );
    return () => unobserves.forEach((unobserve) => unobserve());
  }, [client, held]);

  return states;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
