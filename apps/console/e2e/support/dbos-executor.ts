// A real DBOS Transact 5.2.11 app for browser tests: the control plane's own DBOS fixture
// (apps/control-plane/test/e2e/fixtures/dbos-executor.cjs, run by path like the example app:
// the console depends on no control-plane code), on its own system database, connected to the
// stack's control plane with a key made in the browser.
import path from 'node:path';
import { repoRoot } from './console-stack';
import { startService, stopService, type Service } from './processes';
import { databaseToBeMade } from './scratch-database';

const fixture = path.join(repoRoot, 'apps/control-plane/test/e2e/fixtures/dbos-executor.cjs');

export interface DbosExecutor {
  service: Service;
  /** With `surface`: `chatty`, a finished workflow with events, messages and a stream. */
  workflows: Record<string, string>;
  /** Its system database (another executor of the app may share it). */
  systemDatabaseUrl: string;
  /** Stops it, then drops its system database unless another executor shares it. */
  stop(): Promise<void>;
}

export interface DbosExecutorOptions {
  appName: string;
  conductorUrl: string;
  apiKey: string;
  /**
   * `surface`: also leave `chatty` and the schedule `nightly-report`; `dashboard`: a workload
   * of known counts for the overview (see the fixture).
   */
  scenario?: 'surface' | 'dashboard';
  /** DBOS__APPVERSION; by default DBOS's hash of the app's workflows. */
  appVersion?: string;
  /** Share another executor's system database (another executor of the same app). */
  systemDatabaseUrl?: string;
}

/** Starts it and resolves once it reported ready (its first workflow finished). */
export async function startDbosExecutor(options: DbosExecutorOptions): Promise<DbosExecutor> {
  const own = options.systemDatabaseUrl ? undefined : databaseToBeMade(repoRoot);
  const systemDatabaseUrl = options.systemDatabaseUrl ?? own?.url ?? '';
  const service = startService(`DBOS app ${options.appName}`, [fixture], {
    cwd: repoRoot,
    env: {
      ...process.env,
      APP_NAME: options.appName,
      CONDUCTOR_URL: options.conductorUrl,
      CONDUCTOR_KEY: options.apiKey,
      SYSTEM_DATABASE_URL: systemDatabaseUrl,
      PODIUM_FIXTURE_SCENARIO: options.scenario ?? '',
      ...(options.appVersion ? { DBOS__APPVERSION: options.appVersion } : {}),
    },
  });
  const stop = async () => {
    await stopService(service, 10_000);
    await own?.drop();
  };
  try {
    const printed = await outputUntil(service, /PODIUM_FIXTURE_READY \S+/);
    const workflows = /PODIUM_FIXTURE_WORKFLOWS (\{.*\})/.exec(printed)?.[1];
    return {
      service,
      workflows: workflows ? (JSON.parse(workflows) as Record<string, string>) : {},
      systemDatabaseUrl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Everything it prints until `pattern` shows up; rejects with its output if it exits first. */
function outputUntil(service: Service, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const { child } = service;
    let printed = '';
    const onData = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (pattern.test(printed)) finish();
    };
    const onExit = (code: number | null) =>
      finish(new Error(`${service.name} exited (${code}) before it was ready:\n${printed}`));
    const finish = (error?: Error) => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(printed);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
