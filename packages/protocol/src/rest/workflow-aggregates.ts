import { z } from 'zod';
import { WorkflowStatusSchema } from '../executor/common';
import { MAX_PAGE_LIMIT } from './pagination';
import { IsoTimestampSchema } from './query-params';
import { checkTimeBuckets } from './time-buckets';
import { WORKFLOW_TIME_FILTERS } from './workflows';

/**
 * `POST .../workflows/aggregates`: counts (and a few maxima) of an application's workflows,
 * grouped, computed by an executor (`get_workflow_aggregates`). The request and response follow
 * DBOS Conductor's `WorkflowAggregatesBody` and `WorkflowAggregate`; the filters are those of
 * `POST .../workflows/search`.
 */

const values = z.array(z.string().min(1)).max(MAX_PAGE_LIMIT).nullish();
const flag = z.boolean().optional();

/** The request: at least one `groupBy*` flag or `timeBucketSizeMs`; no `select*` flag means count. */
export const WorkflowAggregatesRequestSchema = z
  .strictObject({
    groupByStatus: flag,
    groupByWorkflowName: flag,
    groupByQueueName: flag,
    groupByExecutorId: flag,
    groupByAppVersion: flag,
    groupByApplicationName: flag,
    selectCount: flag,
    selectMinCreatedAt: flag,
    selectMaxQueueWaitMs: flag.describe('Longest wait from creation to start.'),
    selectMaxTotalLatencyMs: flag.describe('Longest time from creation to completion.'),
    timeBucketSizeMs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Buckets on the creation time; the group key is `timeBucket`. At least 1 s (1 h without ' +
          '`startTime`), and at most 100,000 buckets in the window.',
      ),
    status: z.array(WorkflowStatusSchema).nullish(),
    workflowName: values,
    workflowIds: values,
    workflowIdPrefix: values,
    queueName: values,
    scheduleName: values,
    user: values.describe('Authenticated user.'),
    executorId: values,
    appVersion: values,
    parentWorkflowId: values,
    forkedFrom: values,
    ...WORKFLOW_TIME_FILTERS,
    hasParent: flag,
    wasForkedFrom: flag,
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (body) =>
      body.timeBucketSizeMs !== undefined ||
      Boolean(
        body.groupByStatus ||
        body.groupByWorkflowName ||
        body.groupByQueueName ||
        body.groupByExecutorId ||
        body.groupByAppVersion ||
        body.groupByApplicationName,
      ),
    { message: 'group by at least one key (a groupBy* flag) or set timeBucketSizeMs' },
  )
  .superRefine(checkTimeBuckets('startTime', 'endTime'));
export type WorkflowAggregatesRequest = z.infer<typeof WorkflowAggregatesRequestSchema>;

/**
 * The keys of `group`, one per grouping asked for; a value is null where the workflows have none
 * (no queue, say). Keys the executor adds beyond these pass through unchanged.
 */
export const WORKFLOW_AGGREGATE_GROUP_KEYS = [
  'status',
  'workflowName',
  'queueName',
  'executorId',
  'appVersion',
  'applicationName',
  'timeBucket',
] as const;

/** One group: the values it shares and what was selected (absent when not selected). */
export const WorkflowAggregateSchema = z.object({
  group: z.record(z.string(), z.string().nullable()),
  count: z.number().int().optional(),
  minCreatedAt: IsoTimestampSchema.optional(),
  maxQueueWaitMs: z.number().optional(),
  maxTotalLatencyMs: z.number().optional(),
});
export type WorkflowAggregate = z.infer<typeof WorkflowAggregateSchema>;

export const WorkflowAggregatesResponseSchema = z.array(WorkflowAggregateSchema);
export type WorkflowAggregatesResponse = z.infer<typeof WorkflowAggregatesResponseSchema>;
