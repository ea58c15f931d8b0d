import { queryOptions } from '../../lib/query/query';
import { fetchSchedules } from './api';

export const scheduleQueries = {
  all: (org: string, app: string) => ['schedules', org, app] as const,
  list: (org: string, app: string) =>
    queryOptions({
      queryKey: [...scheduleQueries.all(org, app), 'list'],
      queryFn: ({ signal }) => fetchSchedules(org, app, { signal }),
      staleTime: 0,
    }),
};
