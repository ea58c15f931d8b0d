/**
 * The two executors a differential test compares, set up with the same data: an unmodified
 * DBOS Transact 5.2.11 app in a child process (fixtures/dbos-app.cjs) and a `@podium/sdk` app
 * in this process, each on its own fresh PostgreSQL database, each connected to its own fake
 * control plane (a real `ws` server speaking the protocol with `@podium/protocol`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { Podium } from '../../../src';
import { createTestDatabase } from '../../helpers/backends';
import { type ConductorLink, FakeConductor } from '../../helpers/fake-conductor';
import { defineTick, type TickContext } from '../../helpers/scheduled';
import { RunLog } from '../../helpers/util';

const DBOS_APP = path.join(__dirname, '..', 'fixtures', 'dbos-app.cjs');

/** A schedule both apps create after launch (the DBOS app through `DBOS.createSchedule`). */
export interface ScheduleSetup {
  name: string;
  cron: string;
  context?: TickContext;
  options?: { automaticBackfill?: boolean; cronTimezone?: string };
  paused?: boolean;
}

export interface Setup {
  appName: string;
  /** Versions launched (and stopped) before the executor, oldest first. */
  earlierVersions?: string[];
  version: string;
  schedules?: ScheduleSetup[];
}

export interface Executor {
  link: ConductorLink;
  stop(): Promise<void>;
}

/** Starts the DBOS app and waits until it is connected and set up. */
export async function startDbos(setup: Setup): Promise<Executor> {
  const database = await createTestDatabase();
  const conductor = await FakeConductor.start();
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) child.kill('SIGKILL');
    await conductor.close();
    await database.drop();
  };
  try {
    const run = (version: string, connected: boolean) => {
      const child = fork(DBOS_APP, [], {
        // DBOS logs each error answer with a stack: kept, and shown only if the app fails.
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: {
          ...process.env,
          APP_NAME: setup.appName,
          APP_VERSION: version,
          SYSTEM_DATABASE_URL: database.url,
          CONDUCTOR_KEY: connected ? 'dbos-key' : '',
          CONDUCTOR_URL: conductor.url,
          SCHEDULES: connected ? JSON.stringify(setup.schedules ?? []) : '[]',
          EXIT_WHEN_READY: connected ? '' : '1',
        },
      });
      children.push(child);
      return child;
    };
    for (const version of setup.earlierVersions ?? []) {
      const child = run(version, false);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await untilOutput(child, 'PODIUM_DBOS_READY');
      await exited;
    }
    const child = run(setup.version, true);
    const linked = conductor.nextLink(60_000);
    await untilOutput(child, 'PODIUM_DBOS_READY');
    const link = await linked;
    await link.request('executor_info');
    return { link, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts the `@podium/sdk` app with the same setup, connected and set up. */
export async function startPodium(
  setup: Setup,
  configure: (podium: Podium) => void = () => undefined,
): Promise<Executor> {
  const database = await createTestDatabase();
  const conductor = await FakeConductor.start();
  const open = (version: string, connected: boolean) => {
    const podium = new Podium({
      appName: setup.appName,
      applicationVersion: version,
      databaseUrl: database.url,
      ...(connected ? { conductorKey: 'podium-key', conductorUrl: conductor.url } : {}),
    });
    return { podium, tick: defineTick(podium, new RunLog()) };
  };
  let running: Podium | undefined;
  const stop = async () => {
    await running?.shutdown();
    await conductor.close();
    await database.drop();
  };
  try {
    for (const version of setup.earlierVersions ?? []) {
      const { podium } = open(version, false);
      await podium.launch();
      await podium.shutdown();
    }
    const { podium, tick } = open(setup.version, true);
    running = podium;
    configure(podium);
    const linked = conductor.nextLink();
    await podium.launch();
    for (const schedule of setup.schedules ?? []) {
      await podium.schedules.create(schedule.name, schedule.cron, tick, {
        context: schedule.context,
        ...schedule.options,
      });
      if (schedule.paused === true) await podium.schedules.pause(schedule.name);
    }
    const link = await linked;
    await link.request('executor_info');
    return { link, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once the child prints `marker`; its output (stderr too) is drained meanwhile. */
function untilOutput(child: ChildProcess, marker: string): Promise<void> {
  let output = '';
  const collect = (chunk: Buffer) => {
    // Bounded: only the end matters for a failure report.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      collect(chunk);
      if (output.includes(marker)) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the DBOS app exited (${code}) before ${marker}:\n${output}`)),
    );
  });
}
