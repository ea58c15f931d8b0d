import { z } from 'zod';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';

/**
 * `GET /v2/orgs/{org}/apps/{app}/metrics` (DBOS Conductor's): an application's history per
 * minute, kept by the control plane: workflows created per workflow name and steps completed per
 * function (`workflow_count`, `step_count`, as its executors report them) and its own
 * recoveries (`recovery_count`).
 */
export const AppMetricsQuerySchema = z.strictObject({
  startTime: RestTimestampSchema.describe('Inclusive start of the window.'),
  endTime: RestTimestampSchema.describe('Exclusive end of the window.'),
});
export type AppMetricsQuery = z.infer<typeof AppMetricsQuerySchema>;

export const AppMetricSchema = z.object({
  appId: z.string(),
  metricType: z
    .string()
    .describe('`workflow_count`, `step_count` (from executors) or `recovery_count` (Podium).'),
  metricName: z
    .string()
    .describe('The workflow or step name; the recovered executor version for recoveries.'),
  granularity: z.number().int().describe('Seconds each time bucket spans (60).'),
  timeBucket: IsoTimestampSchema.describe('Start of the bucket.'),
  value: z.number().int(),
});
export type AppMetric = z.infer<typeof AppMetricSchema>;

export const ListAppMetricsResponseSchema = z.array(AppMetricSchema);
export type ListAppMetricsResponse = z.infer<typeof ListAppMetricsResponseSchema>;
