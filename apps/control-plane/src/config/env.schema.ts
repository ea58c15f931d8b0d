import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every environment variable the control plane reads. Validated once, at boot. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8090),
  /** PostgreSQL connection string. Unset: the embedded PGlite database under PODIUM_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
    .optional(),
  PODIUM_DATA_DIR: z.string().min(1).default('.data'),
  PODIUM_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * Executors connect to `<base>/websocket/<app>/<key>`; DBOS-style conductor URLs
   * end in /conductor/v1alpha1. `/websocket/...` at the root is always accepted too.
   */
  PODIUM_EXECUTOR_BASE_PATH: z
    .string()
    .regex(/^(\/[\w.-]+)*$/, 'must look like /conductor/v1alpha1 (or be empty)')
    .default('/conductor/v1alpha1'),
  /** Largest frame an executor may send (listings with inputs and outputs can be big). */
  PODIUM_EXECUTOR_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** How long a command may wait for an executor's answer. */
  PODIUM_EXECUTOR_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Ping period; a link silent for two periods is dropped. */
  PODIUM_EXECUTOR_PING_INTERVAL_MS: z.coerce.number().int().min(100).default(20_000),
});
export type Env = z.infer<typeof EnvSchema>;
