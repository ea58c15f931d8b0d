import { queryOptions } from '@tanstack/react-query';
import { fetchWorkflow, fetchWorkflowSteps, searchWorkflows } from './api';
import { searchRequestOf, type WorkflowFilters } from './filters';

/** How often open workflow pages ask again while auto-refresh is on. */
export const WORKFLOWS_REFRESH_MS = 3_000;

export const workflowQueries = {
  all: (org: string, app: string) => ['workflows', org, app] as const,
  list: (org: string, app: string, filters: WorkflowFilters) =>
    queryOptions({
      queryKey: [...workflowQueries.all(org, app), 'list', filters],
      queryFn: ({ signal }) => searchWorkflows(org, app, searchRequestOf(filters), { signal }),
      staleTime: 0,
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
