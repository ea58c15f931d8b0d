import { HealthResponseSchema, ReadinessResponseSchema } from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

const common = { tag: 'Health', access: 'public' } as const;

/** Liveness and readiness (see HealthController). */
export const HEALTH_ROUTES: readonly RouteSpec[] = [
  {
    ...common,
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: the process answers',
    description: 'Never touches a dependency.',
    response: HealthResponseSchema,
  },
  {
    ...common,
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary: 'Readiness: the database answers',
    response: ReadinessResponseSchema,
    alternates: [{ status: 503, description: 'Not ready: a dependency is down (same body).' }],
  },
];
