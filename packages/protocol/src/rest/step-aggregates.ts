import { z } from 'zod';
import { MAX_PAGE_LIMIT } from './pagination';
import { RestTimestampSchema } from './query-params';
import { checkTimeBuckets } from './time-buckets';

/**
 * `POST .../steps/aggregates`: counts and longest durations of completed steps, grouped by
 * function name, status and/or time bucket (DBOS Conductor's `StepAggregatesBody`). Without a
 * `select*` flag the executor counts. Step status is `SUCCESS` or `ERROR`.
 */

const values = z.array(z.string().min(1)).max(MAX_PAGE_LIMIT).optional();

export const StepAggregatesRequestSchema = z
  .strictObject({
    groupByFunctionName: z.boolean().optional(),
    groupByStatus: z.boolean().optional(),
    selectCount: z.boolean().optional(),
    selectMaxDurationMs: z.boolean().optional(),
    status: values.describe('`SUCCESS` or `ERROR`; other values match nothing.'),
    stepName: values,
    workflowIdPrefix: values,
    completedAfter: RestTimestampSchema.optional(),
    completedBefore: RestTimestampSchema.optional(),
    timeBucketSizeMs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Group by completion time in buckets this long; the group key is `time_bucket`. At ' +
          'least 1 s (1 h without `completedAfter`), and at most 100,000 buckets in the window.',
      ),
  })
  .refine(
    (body) =>
      body.groupByFunctionName === true ||
      body.groupByStatus === true ||
      body.timeBucketSizeMs !== undefined,
    {
      message: 'group by something: groupByFunctionName, groupByStatus or timeBucketSizeMs',
      path: ['groupByFunctionName'],
    },
  )
  .superRefine(checkTimeBuckets('completedAfter', 'completedBefore'));
export type StepAggregatesRequest = z.infer<typeof StepAggregatesRequestSchema>;

/** One group. `group` maps `function_name`, `status`, `time_bucket` to their values. */
export const StepAggregateSchema = z.object({
  group: z.record(z.string(), z.string().nullable()),
  count: z.number().int().optional(),
  maxDurationMs: z.number().int().optional(),
});
export type StepAggregate = z.infer<typeof StepAggregateSchema>;
export const StepAggregatesResponseSchema = z.array(StepAggregateSchema);
export type StepAggregatesResponse = z.infer<typeof StepAggregatesResponseSchema>;
