import { HealthResponseSchema, ReadinessResponseSchema } from '@podium/protocol';
import { z } from 'zod';
import { routeTable } from '../../common/routes/route-spec';

const common = { tag: 'Health', access: 'public' } as const;

/** Liveness, readiness (see HealthController) and this process's metrics (MetricsController). */
export const HEALTH_ROUTES = routeTable({
  getHealth: {
    ...common,
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    description: 'Never touches a dependency.',
    response: HealthResponseSchema,
  },
  getReadiness: {
    ...common,
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database (and Redis, for replicas) answers',
    description:
      'Checks the database; in replica mode (REDIS_URL) also Redis, and that this replica still listens on it.',
    response: ReadinessResponseSchema,
    alternates: [{ status: 503, description: 'Not ready: a dependency is down (same body).' }],
  },
  getMetrics: {
    ...common,
    method: 'get',
    path: '/metrics',
    summary: "This process's health as Prometheus metrics",
    description:
      'Prometheus text format 0.0.4: `podium_*` (executor links, commands sent to executors, refusals, recoveries, live streams) and Node process metrics (`process_*`, `nodejs_*`, event-loop lag). Each replica reports itself: scrape every replica. No tenant data. Open unless `PODIUM_METRICS_TOKEN` is set; then `Authorization: Bearer <token>` is required (401 otherwise).',
    media: 'text/plain',
    response: z.string().describe('Prometheus text exposition format 0.0.4.'),
    errors: ['UNAUTHENTICATED'],
  },
});
