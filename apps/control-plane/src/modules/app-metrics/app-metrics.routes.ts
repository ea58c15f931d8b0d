import { AppMetricsQuerySchema, ListAppMetricsResponseSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

/** The per-application metrics history (see AppMetricsController). */
export const APP_METRICS_ROUTES = routeTable({
  listAppMetrics: {
    method: 'get',
    path: '/v2/orgs/{org}/apps/{app}/metrics',
    summary: "An application's metrics per minute",
    description:
      'Workflows created per name (`workflow_count`) and steps completed per function (`step_count`), collected each minute from a connected executor and kept PODIUM_METRICS_HISTORY_DAYS; recoveries per recovered version (`recovery_count`). Minutes when no executor was connected have no buckets.',
    tag: 'Metrics',
    access: 'read',
    query: AppMetricsQuerySchema,
    response: ListAppMetricsResponseSchema,
  },
});
