import { queryOptions } from '../../lib/query/query';
import type { RequestOptions } from '../../lib/api-client';
import {
  fetchCompletedRuns,
  fetchExecutorSpans,
  fetchHistory,
  fetchQueueCounts,
  fetchStatusBuckets,
} from './api';
import { fetchFleet } from './fleet-api';
import { windowOf, type TimeRange, type TimeWindow } from './time-range';

/** How often visible dashboards refresh themselves. */
export const DASHBOARD_REFRESH_MS = 10_000;

/** An answer together with the window it was asked for (the charts bucket on that window). */
export interface Windowed<T> {
  window: TimeWindow;
  rows: T;
}

/**
 * A fetch over the range's window ending now. Keys name the range, not the window, so each
 * refresh slides the window forward in the same cache entry.
 */
function overWindow<T>(
  range: TimeRange,
  fetch: (window: TimeWindow, options: RequestOptions) => Promise<T>,
) {
  return async ({ signal }: { signal: AbortSignal }): Promise<Windowed<T>> => {
    const window = windowOf(range, Date.now());
    return { window, rows: await fetch(window, { signal }) };
  };
}

export const dashboardQueries = {
  all: (org: string, app: string) => ['dashboards', org, app] as const,
  /** Live (an executor answers): no retries, a 503 means none is connected. */
  statusBuckets: (org: string, app: string, range: TimeRange) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(org, app), 'status-buckets', range.id],
      queryFn: overWindow(range, (window, options) =>
        fetchStatusBuckets(org, app, window, options),
      ),
      retry: false,
    }),
  completedRuns: (org: string, app: string, range: TimeRange) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(org, app), 'completed-runs', range.id],
      queryFn: overWindow(range, (window, options) =>
        fetchCompletedRuns(org, app, window, options),
      ),
      retry: false,
    }),
  queueCounts: (org: string, app: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(org, app), 'queue-counts'],
      queryFn: async ({ signal }) => ({
        at: Date.now(),
        rows: await fetchQueueCounts(org, app, { signal }),
      }),
      retry: false,
    }),
  /** Stored by the control plane: answers with no executor connected. */
  history: (org: string, app: string, range: TimeRange) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(org, app), 'history', range.id],
      queryFn: overWindow(range, (window, options) => fetchHistory(org, app, window, options)),
    }),
  executorSpans: (org: string, app: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(org, app), 'executor-spans'],
      queryFn: ({ signal }) => fetchExecutorSpans(org, app, { signal }),
    }),
  fleet: (org: string) =>
    queryOptions({
      queryKey: ['dashboards', org, 'fleet'],
      queryFn: ({ signal }) => fetchFleet(org, Date.now(), { signal }),
    }),
};
