// The console's environment is one schema, in server/env.mjs: the server reads it at boot
// (it runs unbuilt, so the schema is plain JavaScript), route handlers and pages at request
// time (parsing costs microseconds), so one build runs against any control plane.
import { readServerEnv, type ServerEnv } from '../../server/env.mjs';

export { readServerEnv, type ServerEnv };

/** `CONDUCTOR_URL` for executors: `<url>/websocket/<app>/<key>` is where they connect. */
export function conductorUrlOf(env: ServerEnv): string {
  if (env.PODIUM_CONDUCTOR_URL) return env.PODIUM_CONDUCTOR_URL.replace(/\/+$/, '');
  const url = new URL(env.PODIUM_CONTROL_PLANE_URL);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/+$/, '');
}
