import { HealthResponseSchema, ReadinessResponseSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

const common = { tag: 'Health', access: 'public' } as const;

/** Liveness and readiness (see HealthController). */
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
});
