import type { ListQueuesResponse, ListPage, Workflow } from '@podium/protocol/rest';
import { getPage, getJson, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';

const queuesPath = (org: string, app: string) => `${appPath(org, app)}/queues`;

/** How many of a queue's workflows its page shows: the oldest. */
export const QUEUED_SHOWN = 100;

/** `GET .../queues`: every queue the app's executors declare. */
export function fetchQueues(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<ListQueuesResponse> {
  return getJson(queuesPath(org, app), 'ListQueuesResponseSchema', options);
}

/** `GET .../queues/{queue}/workflows`: its queued and running workflows, oldest first. */
export function fetchQueuedWorkflows(
  org: string,
  app: string,
  queue: string,
  options?: RequestOptions,
): Promise<ListPage<Workflow>> {
  return getPage(
    `${queuesPath(org, app)}/${encodeURIComponent(queue)}/workflows?limit=${QUEUED_SHOWN}`,
    'ListQueuedWorkflowsResponseSchema',
    options,
  );
}
