import { z } from 'zod';
import { queryList } from './query-params';

/**
 * `GET /v1/metrics`: DBOS Conductor's OpenMetrics scrape of workflow, step and executor gauges
 * (`dbos_conductor_v1_*`) for the last completed clock-aligned minute. Every filter repeats
 * (`?applications=a&applications=b`, or comma-separated); absent means everything.
 */
export const ConductorMetricsQuerySchema = z.strictObject({
  applications: queryList(z.string().min(1)).describe('Only these applications (exact names).'),
  workflow_names: queryList(z.string().min(1)).describe(
    'Only series of these workflow names (families labelled by workflow name).',
  ),
  metrics: queryList(z.string().min(1)).describe(
    'Only these families, by full name (`dbos_conductor_v1_workflow_started_rate`) or without the prefix.',
  ),
});
export type ConductorMetricsQuery = z.infer<typeof ConductorMetricsQuerySchema>;

/** The exposition: every family a gauge named `dbos_conductor_v1_*`, labelled `application`. */
export const ConductorMetricsResponseSchema = z
  .string()
  .describe('Prometheus text format 0.0.4, or OpenMetrics 1.0 when Accept asks for it.');
