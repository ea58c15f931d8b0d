// The query client for the App Router: a new client for every server request, one shared
// client in the browser.
import { isApiFailure } from './api-failure';
import { QueryClient } from './query/query-client';
import { notifySessionLost } from './session-events';

/**
 * Retry only what may pass on a second try: network trouble, timeouts and 5xx answers.
 * A problem the control plane stated (4xx, or 503 "no executor connected") is shown at once;
 * polling queries ask again on their own interval anyway.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!isApiFailure(error)) return true;
  if (error.code === 'EXECUTOR_UNAVAILABLE') return false;
  return error.status === undefined || error.status >= 500;
}

function reportLostSession(error: unknown): void {
  if (isApiFailure(error) && error.status === 401) notifySessionLost();
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    // Data prefetched on the server is fresh on arrival: no refetch on mount.
    defaults: { staleTime: 60_000, retry: shouldRetry },
    onError: reportLostSession,
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  // One client for the whole browser session: React may re-render the provider
  // (suspense) and must not lose the cache when it does.
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
