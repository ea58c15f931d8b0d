/**
 * The example's configuration, read once from the environment at boot:
 *
 * | variable                  | default                                       |
 * | ------------------------- | --------------------------------------------- |
 * | `DATABASE_URL`            | unset: embedded PGlite                        |
 * | `PODIUM_EXAMPLE_DATA_DIR` | `.data/example` (PGlite data directory)       |
 * | `CONDUCTOR_URL`           | `ws://127.0.0.1:8090/conductor/v1alpha1`      |
 * | `CONDUCTOR_KEY`           | unset: runs without a control plane           |
 * | `APP_NAME`                | `example`                                     |
 * | `EXAMPLE_INTERVAL_MS`     | `4000` (0: start no traffic)                  |
 * | `EXAMPLE_TIME_SCALE`      | `1` (`0.1`: every simulated wait 10× shorter) |
 * | `EXAMPLE_DEBUG`           | unset (`1`: debug logs)                       |
 */
import path from 'node:path';
import {
  APPLICATION_NAME_PATTERN,
  APPLICATION_NAME_RULE,
  DEFAULT_CONDUCTOR_URL,
} from '@podium/protocol';

export interface ExampleConfig {
  appName: string;
  database: { databaseUrl: string } | { dataDir: string };
  conductorUrl: string;
  conductorKey: string | undefined;
  /** How often the traffic generator starts a new round of workflows (0: never). */
  intervalMs: number;
  /** Multiplies every simulated duration (work, the report's sleep, approval waits). */
  timeScale: number;
  /** Log at debug level too (the SDK's conductor link, dequeueing, ...). */
  debug: boolean;
}

export class ExampleConfigError extends Error {
  readonly code = 'EXAMPLE_CONFIG';
  constructor(readonly issues: string[]) {
    super(`Invalid example configuration: ${issues.join('; ')}`);
    this.name = 'ExampleConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ExampleConfig {
  const issues: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    issues.push('DATABASE_URL must be a postgresql:// connection string');
  }
  const appName = value('APP_NAME') ?? 'example';
  if (!APPLICATION_NAME_PATTERN.test(appName)) {
    issues.push(`APP_NAME must be ${APPLICATION_NAME_RULE}`);
  }
  const intervalMs = Number(value('EXAMPLE_INTERVAL_MS') ?? 4_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 0) {
    issues.push('EXAMPLE_INTERVAL_MS must be a non-negative integer');
  }
  const timeScale = Number(value('EXAMPLE_TIME_SCALE') ?? 1);
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    issues.push('EXAMPLE_TIME_SCALE must be a positive number');
  }
  if (issues.length > 0) throw new ExampleConfigError(issues);
  return {
    appName,
    database:
      databaseUrl !== undefined
        ? { databaseUrl }
        : { dataDir: path.resolve(value('PODIUM_EXAMPLE_DATA_DIR') ?? '.data/example') },
    conductorUrl: value('CONDUCTOR_URL') ?? DEFAULT_CONDUCTOR_URL,
    conductorKey: value('CONDUCTOR_KEY'),
    intervalMs,
    timeScale,
    debug: value('EXAMPLE_DEBUG') === '1',
  };
}
