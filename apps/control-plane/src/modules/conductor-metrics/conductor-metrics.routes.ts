import { ConductorMetricsQuerySchema, ConductorMetricsResponseSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

/** DBOS Conductor's metrics scrape (see ConductorMetricsController). */
export const CONDUCTOR_METRICS_ROUTES = routeTable({
  getConductorMetrics: {
    tag: 'Metrics',
    // The guards need an {org}; the key names its organization, so the service checks it.
    access: 'public',
    security: [['bearer']],
    method: 'get',
    path: '/v1/metrics',
    summary: "Workflow, step and executor gauges of the key's applications (DBOS Conductor)",
    description:
      'Gauges `dbos_conductor_v1_*`, each labelled `application`, for the last completed clock-aligned minute: rates (per second) and maxima are stamped with the minute\'s start, counts and "oldest" timestamps are the value now (no series when nothing waits). Computed by the executors once per application and minute. Needs an API key with `metric.read`; only the applications in its scope. Prometheus text format, or OpenMetrics when `Accept` asks for `application/openmetrics-text`. Scrape every 60 s with `honor_timestamps: true`.',
    query: ConductorMetricsQuerySchema,
    media: 'text/plain',
    response: ConductorMetricsResponseSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'],
  },
});
