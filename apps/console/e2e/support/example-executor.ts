// The example app (apps/example, built on @podium/sdk) as a real executor of one application:
// its own embedded database in a temporary folder, connected with a key made in the console.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, repoRoot } from './console-stack';
import { startService, stopService, type Service } from './processes';

const exampleMain = path.join(repoRoot, 'apps/example/dist/main.js');

export interface ExampleExecutorOptions {
  apiKey: string;
  conductorUrl: string;
  appName: string;
  /** More of the example's settings (EXAMPLE_INTERVAL_MS, EXAMPLE_TIME_SCALE: apps/example/src/config.ts). */
  env?: Record<string, string>;
}

export interface ExampleExecutor {
  readonly service: Service;
  /** Stops the app and removes its data folder. */
  stop(): Promise<void>;
}

/** Fails fast, naming the build command, unless the example app is built. */
export function assertExampleBuilt(): void {
  assertBuilt(exampleMain, 'pnpm --filter @podium/example build');
}

export function startExampleExecutor(options: ExampleExecutorOptions): ExampleExecutor {
  assertExampleBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-console-example-'));
  const service = startService('example app', [exampleMain], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '', // the embedded PGlite, in dataDir
      CONDUCTOR_KEY: options.apiKey,
      CONDUCTOR_URL: options.conductorUrl,
      APP_NAME: options.appName,
      PODIUM_EXAMPLE_DATA_DIR: dataDir,
      ...options.env,
    },
  });
  return {
    service,
    async stop() {
      await stopService(service);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
