import { z } from 'zod';
import { WorkflowStatusSchema } from '../executor/common';
import { PaginationQuerySchema, limitPagesWithPayloads, listResponse } from './pagination';
import { queryBoolean, queryList } from './query-params';
import { WorkflowSchema } from './workflows';

export {
  DBOS_INTERNAL_QUEUE,
  PODIUM_INTERNAL_QUEUE,
  isInternalQueueName,
} from './values/internal-queues';

/** Queues over HTTP: `/v2/orgs/{org}/apps/{app}/queues...`, read live from an executor. */

const count = z.number().nullable();

/**
 * A queue's configuration as the executor declares it, in DBOS Conductor's names (`partition*`
 * are Podium's additions). Absent limits are `null`; an executor that does not report
 * `partition_queue` predates partitioned queues, so it is `false`.
 */
export const QueueSchema = z.object({
  name: z.string(),
  concurrency: count.describe(
    'Most workflows of this queue running at once, across all executors.',
  ),
  workerConcurrency: count.describe('Most running at once on one executor.'),
  rateLimitMax: count,
  rateLimitPeriodSecs: count,
  priorityEnabled: z.boolean().nullable(),
  partitionQueue: z.boolean(),
  pollingIntervalSecs: count,
  applicationName: z.string().nullable(),
  partitionConcurrency: count,
  partitionWorkerConcurrency: count,
  partitionRateLimitMax: count,
  partitionRateLimitPeriodSecs: count,
});
export type Queue = z.infer<typeof QueueSchema>;

/** `GET .../queues`: every queue the executor knows (not paginated: queues are few). */
export const ListQueuesResponseSchema = listResponse(QueueSchema);
export type ListQueuesResponse = z.infer<typeof ListQueuesResponseSchema>;

/** `GET .../queues/{queueName}`. */
export const GetQueueResponseSchema = QueueSchema;
export type GetQueueResponse = Queue;

export const QueuePathSchema = z.object({ queueName: z.string().min(1).max(256) });

/**
 * `GET .../queues/{queueName}/workflows`: its queued and active workflows (ENQUEUED, PENDING,
 * DELAYED unless `status` says otherwise), oldest first unless `sortDesc=true`.
 */
export const ListQueuedWorkflowsQuerySchema = z
  .strictObject({
    status: queryList(WorkflowStatusSchema),
    workflowName: queryList(z.string().min(1)),
    ...PaginationQuerySchema.shape,
    sortDesc: queryBoolean(false),
    loadInput: queryBoolean(false),
  })
  .superRefine(limitPagesWithPayloads);
export type ListQueuedWorkflowsQuery = z.infer<typeof ListQueuedWorkflowsQuerySchema>;
export const ListQueuedWorkflowsResponseSchema = listResponse(WorkflowSchema);
export type ListQueuedWorkflowsResponse = z.infer<typeof ListQueuedWorkflowsResponseSchema>;
