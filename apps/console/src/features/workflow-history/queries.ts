import { queryOptions } from '../../lib/query/query';
import { workflowsKey } from '../workflows/workflows-key';
import { fetchWorkflowEvents, fetchWorkflowNotifications, fetchWorkflowStreams } from './api';

// Under the workflows' key root: an action on the workflow refreshes these too.
const historyKey = (org: string, app: string, id: string) =>
  [...workflowsKey(org, app), 'history', id] as const;

export const workflowHistoryQueries = {
  events: (org: string, app: string, id: string) =>
    queryOptions({
      queryKey: [...historyKey(org, app, id), 'events'],
      queryFn: ({ signal }) => fetchWorkflowEvents(org, app, id, { signal }),
      staleTime: 0,
    }),
  notifications: (org: string, app: string, id: string) =>
    queryOptions({
      queryKey: [...historyKey(org, app, id), 'notifications'],
      queryFn: ({ signal }) => fetchWorkflowNotifications(org, app, id, { signal }),
      staleTime: 0,
    }),
  streams: (org: string, app: string, id: string) =>
    queryOptions({
      queryKey: [...historyKey(org, app, id), 'streams'],
      queryFn: ({ signal }) => fetchWorkflowStreams(org, app, id, { signal }),
      staleTime: 0,
    }),
};
