import { queryOptions } from '@tanstack/react-query';
import { fetchWorkflow, fetchWorkflowAggregates, fetchWorkflowSteps, searchWorkflows } from './api';
import {
  searchRequestOf,
  serverFiltersOf,
  statusCountsRequestOf,
  type WorkflowFilters,
} from './filters';

/** How often open workflow pages ask again while auto-refresh is on. */
export const WORKFLOWS_REFRESH_MS = 3_000;

export const workflowQueries = {
  all: (org: string, app: string) => ['workflows', org, app] as const,
  /** A page; a sort done on screen does not ask again (the key holds what the executor gets). */
  list: (org: string, app: string, filters: WorkflowFilters) => {
    const asked = serverFiltersOf(filters);
    return queryOptions({
      queryKey: [...workflowQueries.all(org, app), 'list', asked],
      queryFn: ({ signal }) => searchWorkflows(org, app, searchRequestOf(asked), { signal }),
      staleTime: 0,
    });
  },
  /** Per status, how many workflows the filters (their status filter aside) match. */
  statusCounts: (org: string, app: string, filters: WorkflowFilters) =>
    queryOptions({
      queryKey: [
        ...workflowQueries.all(org, app),
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
      queryKey: [...workflowQueries.all(org, app), 'names'],
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
  detail: (org: string, app: string, id: string) =>
    queryOptions({
      queryKey: [...workflowQueries.all(org, app), 'detail', id],
      queryFn: ({ signal }) => fetchWorkflow(org, app, id, { signal }),
      staleTime: 0,
    }),
  steps: (org: string, app: string, id: string) =>
    queryOptions({
      queryKey: [...workflowQueries.all(org, app), 'steps', id],
      queryFn: ({ signal }) => fetchWorkflowSteps(org, app, id, { signal }),
      staleTime: 0,
    }),
};
