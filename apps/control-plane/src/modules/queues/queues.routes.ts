import {
  GetQueueResponseSchema,
  ListQueuedWorkflowsQuerySchema,
  ListQueuedWorkflowsResponseSchema,
  ListQueuesResponseSchema,
  QueuePathSchema,
} from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

const base = '/v2/orgs/{org}/apps/{app}/queues';
const common = { tag: 'Queues', access: 'read', viaExecutor: true } as const;

/** The queue routes (see QueuesController). */
export const QUEUE_ROUTES: readonly RouteSpec[] = [
  {
    ...common,
    method: 'get',
    path: base,
    operationId: 'listQueues',
    summary: 'List queues',
    response: ListQueuesResponseSchema,
  },
  {
    ...common,
    method: 'get',
    path: `${base}/{queueName}`,
    operationId: 'getQueue',
    summary: 'Get a queue',
    params: QueuePathSchema,
    response: GetQueueResponseSchema,
  },
  {
    ...common,
    method: 'get',
    path: `${base}/{queueName}/workflows`,
    operationId: 'listQueuedWorkflows',
    summary: 'List the queued and active workflows of a queue',
    params: QueuePathSchema,
    query: ListQueuedWorkflowsQuerySchema,
    response: ListQueuedWorkflowsResponseSchema,
  },
];
