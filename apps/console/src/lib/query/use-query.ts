'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ignore, keepPreviousData, type UseQueryOptions } from './query';
import { useQueryClient } from './query-context';

interface ResultBase {
  isFetching: boolean;
  dataUpdatedAt: number;
}

export type UseQueryResult<T> = ResultBase &
  (
    | {
        status: 'pending';
        isPending: true;
        isSuccess: false;
        isError: false;
        data: undefined;
        error: null;
      }
    | {
        status: 'error';
        isPending: false;
        isSuccess: false;
        isError: true;
        data: T | undefined;
        error: Error;
      }
    | { status: 'success'; isPending: false; isSuccess: true; isError: false; data: T; error: null }
  );

/**
 * The cached answer for `options.queryKey`, fetched when shown and stale, refetched on the
 * interval, and re-rendered on every change to it.
 */
export function useQuery<T>(options: UseQueryOptions<T>): UseQueryResult<T> {
  const client = useQueryClient();
  const query = client.query(options);
  const state = useSyncExternalStore(query.subscribe, query.getState, query.getState);
  const enabled = options.enabled !== false;
  const staleTime = options.staleTime ?? client.config.defaults.staleTime;
  const interval = enabled ? options.refetchInterval : false;

  useEffect(
    () => client.observe(query, { enabled, staleTime }),
    [client, query, enabled, staleTime],
  );

  useEffect(() => {
    if (!interval) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') query.fetch().catch(ignore);
    }, interval);
    return () => clearInterval(timer);
  }, [query, interval]);

  const previous = useRef<T | undefined>(undefined);
  useEffect(() => {
    if (state.status === 'success') previous.current = state.data;
  }, [state]);

  const base = { isFetching: state.isFetching, dataUpdatedAt: state.dataUpdatedAt };
  if (state.status === 'success') {
    return { ...base, ...SUCCESS, data: state.data as T, error: null };
  }
  if (state.status === 'error') {
    return { ...base, ...ERROR, data: state.data, error: state.error as Error };
  }
  const placeholder = options.placeholderData === keepPreviousData ? previous.current : undefined;
  if (placeholder !== undefined) return { ...base, ...SUCCESS, data: placeholder, error: null };
  return { ...base, ...PENDING, data: undefined, error: null };
}

const SUCCESS = { status: 'success', isPending: false, isSuccess: true, isError: false } as const;
const ERROR = { status: 'error', isPending: false, isSuccess: false, isError: true } as const;
const PENDING = { status: 'pending', isPending: true, isSuccess: false, isError: false } as const;
