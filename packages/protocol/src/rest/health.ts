import { z } from 'zod';

/** `GET /healthz`: the process is up. Never touches dependencies. */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  service: z.literal('podium-control-plane'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const DependencyCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number().nonnegative(),
  error: z
    .string()
    .optional()
    .describe(
      'When down: that it timed out or failed, never where (the replica logs the driver message).',
    ),
});
export type DependencyCheck = z.infer<typeof DependencyCheckSchema>;

/** `GET /readyz`: 200 when every dependency answers, 503 otherwise (same body shape). */
export const ReadinessResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: DependencyCheckSchema.extend({ kind: z.enum(['postgres', 'pglite']) }),
    /** In replica mode (REDIS_URL) only: Redis answers and this replica listens on it. */
    redis: DependencyCheckSchema.optional(),
  }),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponseSchema>;
