import {
  GetQueueResponseSchema,
  ListQueuedWorkflowsQuerySchema,
  ListQueuedWorkflowsResponseSchema,
  ListQueuesResponseSchema,
  QueuePathSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { PAGE_ERRORS } from '../workflows/workflows.routes';

const base = '/v2/orgs/{org}/apps/{app}/queues';
const common = { tag: 'Queues', access: 'read', viaExecutor: true } as const;

/** The queue routes (see QueuesController). */
export const QUEUE_ROUTES = routeTable({
  listQueues: {
    ...common,
    method: 'get',
    path: base,
    summary: 'List queues',
    response: ListQueuesResponseSchema,
  },
  getQueue: {
    ...common,
    method: 'get',
    path: `${base}/{queueName}`,
    summary: 'Get a queue',
    params: QueuePathSchema,
    response: GetQueueResponseSchema,
  },
  listQueuedWorkflows: {
    ...common,
    method: 'get',
    path: `${base}/{queueName}/workflows`,
    summary: 'List the queued and active workflows of a queue',
    errors: PAGE_ERRORS,
    params: QueuePathSchema,
    query: ListQueuedWorkflowsQuerySchema,
    response: ListQueuedWorkflowsResponseSchema,
    paged: true,
  },
});
