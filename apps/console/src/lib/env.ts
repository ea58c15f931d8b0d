import { z } from 'zod';

/** Every environment variable the console's server reads. */
export const ServerEnvSchema = z.object({
  /** Where the Route Handler under /api forwards to. */
  PODIUM_CONTROL_PLANE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8090'),
});
export type ServerEnv = z.infer<typeof ServerEnvSchema>;

/**
 * Reads the server environment at request time (runtime, not build time), so one
 * build runs against any control plane. Parsing one variable costs microseconds.
 */
export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = ServerEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid console environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
