import { existsSync } from 'node:fs';
import path from 'node:path';
import { type NodeProcess, startNodeProcess } from './child-process';

const EXAMPLE_MAIN = path.resolve(__dirname, '../../../example/dist/main.js');

export interface ExampleOptions {
  /** Its own PostgreSQL database: the SDK migrates its schema there. */
  databaseUrl: string;
  conductorUrl: string;
  conductorKey: string;
  /** `EXAMPLE_INTERVAL_MS`: between rounds of workflows; '' for the example's default. */
  intervalMs: string;
  /** `EXAMPLE_TIME_SCALE`: multiplies the example's simulated durations. */
  timeScale: string;
}

/**
 * Runs the example app (apps/example, as built) as an executor, under the application name it
 * gives itself by default: the one the README and the console give newcomers.
 */
export function startExample(options: ExampleOptions): NodeProcess {
  if (!existsSync(EXAMPLE_MAIN)) {
    throw new Error(`${EXAMPLE_MAIN} is missing: pnpm turbo run build --filter=@podium/example...`);
  }
  return startNodeProcess(EXAMPLE_MAIN, {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    CONDUCTOR_URL: options.conductorUrl,
    CONDUCTOR_KEY: options.conductorKey,
    APP_NAME: '',
    EXAMPLE_INTERVAL_MS: options.intervalMs,
    EXAMPLE_TIME_SCALE: options.timeScale,
  });
}
