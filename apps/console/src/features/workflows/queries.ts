import { queryOptions } from '../../lib/query/query';
import { fetchWorkflow, fetchWorkflowSteps } from './api';
import { workflowsKey } from './workflows-key';

export const workflowQueries = {
  all: workflowsKey,
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
