import { queryOptions } from '../../lib/query/query';
import { fetchWorkflowAggregates, searchWorkflows } from './list-api';
import {
  searchRequestOf,
  serverFiltersOf,
  statusCountsRequestOf,
  type WorkflowFilters,
} from './filters';
import { workflowsKey } from './workflows-key';

/** The workflow list's queries (apart from `workflowQueries`: only the list page loads filters). */
export const workflowListQueries = {
  /** A page; a sort done on screen does not ask again (the key holds what the executor gets). */
  list: (org: string, app: string, filters: WorkflowFilters) => {
    const asked = serverFiltersOf(filters);
    return queryOptions({
      queryKey: [...workflowsKey(org, app), 'list', asked],
      queryFn: ({ signal }) => searchWorkflows(org, app, searchRequestOf(asked), { signal }),
      staleTime: 0,
    });
  },
  /** Per status, how many workflows the filters (their status filter aside) match. */
  statusCounts: (org: string, app: string, filters: WorkflowFilters) =>
    queryOptions({
      queryKey: [
        ...workflowsKey(org, app),
        'status-counts',
        { text: filters.text, window: filters.window },
      ],
      queryFn: async ({ signal }) => {
        const rows = await fetchWorkflowAggregates(org, app, statusCountsRequestOf(filters), {
          signal,
        });
        return new Map(rows.map((row) => [row.group.status ?? '', row.count ?? 0]));
      },
      staleTime: 0,
    }),
  /** Every workflow name the app has run, most used first (for the name picker). */
  names: (org: string, app: string) =>
    queryOptions({
      queryKey: [...workflowsKey(org, app), 'names'],
      queryFn: async ({ signal }) => {
        const rows = await fetchWorkflowAggregates(
          org,
          app,
          { groupByWorkflowName: true },
          { signal },
        );
        return rows
          .flatMap((row) =>
            row.group.workflowName ? [{ name: row.group.workflowName, count: row.count ?? 0 }] : [],
          )
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
      },
      staleTime: 30_000,
    }),
};
