// @ts-check
// Every environment variable the console reads, in one schema: its server (main.mjs) reads it
// at boot, and Next's route handlers and pages (src/lib/env.ts) at request time, so one build
// runs against any control plane. Plain JavaScript because main.mjs runs unbuilt; zod and the
// protocol only, because src/lib/env.ts brings it into the browser bundle too.
import { DEFAULT_EXECUTOR_BASE_PATH } from '@podium/protocol/rest';
import { z } from 'zod';

/**
 * An http(s) or ws(s) URL without a user or password: requests to it would fail, and the
 * failure (which quotes the URL) would reach clients; the conductor URL is shown to members.
 * @param {RegExp} protocol
 */
const urlWithoutCredentials = (protocol) =>
  z.url({ protocol }).refine((value) => {
    // Refinements run after a failed check too: an unparseable value is z.url()'s to name.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'must not carry a user name or password');

export const ServerEnvSchema = z.object({
  /** Where the server listens unless `-H` says otherwise. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Its port unless `-p` says otherwise. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where the Route Handler under /api and the executor forwarder send requests. */
  PODIUM_CONTROL_PLANE_URL: urlWithoutCredentials(/^https?$/).default('http://127.0.0.1:8090'),
  /**
   * The URL executors dial (their `CONDUCTOR_URL`), shown with new API keys. Default: the
   * control plane URL as `ws(s)://`; set it when executors reach the control plane by another
   * address than the console does.
   */
  PODIUM_CONDUCTOR_URL: urlWithoutCredentials(/^wss?$/).optional(),
  /** WebSocket upgrades to `<base>/websocket/...` are forwarded (as on the control plane). */
  PODIUM_EXECUTOR_BASE_PATH: z.string().default(DEFAULT_EXECUTOR_BASE_PATH),
  /** Whose X-Forwarded-For the server believes (see forwarded-for.mjs). Default: loopback. */
  PODIUM_CONSOLE_TRUST_PROXY: z.string().optional(),
});

/** @typedef {z.infer<typeof ServerEnvSchema>} ServerEnv */

/**
 * Parses the environment, throwing one readable error naming every bad variable.
 * @param {Readonly<Record<string, string | undefined>>} [source]
 * @returns {ServerEnv}
 */
export function readServerEnv(source = process.env) {
  const parsed = ServerEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid console environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
