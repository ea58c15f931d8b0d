import { z } from 'zod';

/** Every environment variable the console's server reads. */
export const ServerEnvSchema = z.object({
  /** Where the Route Handler under /api forwards to. */
  PODIUM_CONTROL_PLANE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8090'),
  /**
   * The URL executors dial (their `CONDUCTOR_URL`), shown with new API keys. Default: the
   * control plane URL as `ws(s)://`; set it when executors reach the control plane by another
   * address than the console does.
   */
  PODIUM_CONDUCTOR_URL: z.url({ protocol: /^wss?$/ }).optional(),
});
export type ServerEnv = z.infer<typeof ServerEnvSchema>;

/**
 * Reads the server environment at request time (runtime, not build time), so one
 * build runs against any control plane. Parsing one variable costs microseconds.
 */
export function readServerEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ServerEnv {
  const parsed = ServerEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid console environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** `CONDUCTOR_URL` for executors: `<url>/websocket/<app>/<key>` is where they connect. */
export function conductorUrlOf(env: ServerEnv): string {
  if (env.PODIUM_CONDUCTOR_URL) return env.PODIUM_CONDUCTOR_URL.replace(/\/+$/, '');
  const url = new URL(env.PODIUM_CONTROL_PLANE_URL);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/+$/, '');
}
