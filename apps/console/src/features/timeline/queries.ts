import { queryOptions } from '../../lib/query/query';
import { fetchTimeline, type TimelineFilters } from './api';

/** How often an open timeline asks again: new events appear without a reload. */
const REFRESH_MS = 3_000;

export const timelineQueries = {
  all: (org: string) => ['timeline', org] as const,
  list: (org: string, app: string | null, filters: TimelineFilters) =>
    queryOptions({
      queryKey: [...timelineQueries.all(org), app, filters],
      queryFn: ({ signal }) => fetchTimeline(org, app, filters, { signal }),
      refetchInterval: REFRESH_MS,
    }),
};
