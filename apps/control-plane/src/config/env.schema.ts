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
});
export type Env = z.infer<typeof EnvSchema>;
