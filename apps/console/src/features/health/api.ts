import type { HealthResponse, ReadinessResponse } from '@podium/protocol/rest';
import { getJson, type RequestOptions } from '../../lib/api-client';

/** `GET /healthz`: is the control plane process up. */
export function fetchHealth(options?: RequestOptions): Promise<HealthResponse> {
  return getJson('/healthz', 'HealthResponseSchema', options);
}

/** `GET /readyz`: can it reach its database. 503 is an answer here (`not_ready`), not a failure. */
export function fetchReadiness(options?: RequestOptions): Promise<ReadinessResponse> {
  return getJson('/readyz', 'ReadinessResponseSchema', { ...options, okStatuses: [200, 503] });
}
