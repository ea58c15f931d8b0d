// The real DBOS 5.2.11 app the control plane's end-to-end tests use
// (apps/control-plane/test/e2e/fixtures/dbos-executor.cjs), run as a child process against the
// console's control plane: it connects with an API key made in the browser, leaves the
// workflows its scenario names, and prints PODIUM_FIXTURE_READY. Its own system database is
// created by DBOS and dropped here.
import path from 'node:path';
import { repoRoot } from './console-stack';
import { startService, stopService, type Service } from './processes';
import { reserveDatabase } from './scratch-database';

const fixture = path.join(repoRoot, 'apps/control-plane/test/e2e/fixtures/dbos-executor.cjs');

export interface DbosFixture {
  readonly service: Service;
  stop(): Promise<void>;
}

/** Starts it; resolves once its scenario's workflows exist (it printed its ready line). */
export async function startDbosFixture(options: {
  appName: string;
  conductorUrl: string;
  apiKey: string;
  scenario: string;
}): Promise<DbosFixture> {
  const systemDatabase = reserveDatabase(repoRoot);
  const service = startService(`DBOS app ${options.appName}`, [fixture], {
    cwd: path.dirname(fixture),
    env: {
      ...process.env,
      APP_NAME: options.appName,
      CONDUCTOR_URL: options.conductorUrl,
      CONDUCTOR_KEY: options.apiKey,
      SYSTEM_DATABASE_URL: systemDatabase.url,
      PODIUM_FIXTURE_SCENARIO: options.scenario,
    },
  });
  const stop = async () => {
    await stopService(service);
    await systemDatabase.drop();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      service.child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('PODIUM_FIXTURE_READY')) resolve();
      });
      service.child.once('exit', (code) =>
        reject(new Error(`${service.name} exited (${code}):\n${service.output()}`)),
      );
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { service, stop };
}
