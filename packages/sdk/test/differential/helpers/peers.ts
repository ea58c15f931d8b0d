/**
 * Two executors holding comparable data, each linked to its own stand-in control plane: an
 * unmodified DBOS Transact 5.2.11 app (a child process on a scratch PostgreSQL database) and a
 * @podium/sdk app (in this process, on another one). A differential test sends both the same
 * request and compares the answers' fields and meanings.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Podium } from '../../../src';
import { createTestDatabase } from '../../helpers/backends';
import { type ConductorLink, FakeConductor } from '../../helpers/fake-conductor';
import { defineTwins, runTwinScenario, type TwinIds } from './twin-workflows';

const DBOS_APP = path.join(__dirname, '..', 'fixtures', 'dbos-history-app.cjs');

export interface Peers {
  dbos: { link: ConductorLink; ids: TwinIds };
  podium: { link: ConductorLink; ids: TwinIds; app: Podium };
  stop(): Promise<void>;
}

export async function startPeers(appName: string): Promise<Peers> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const dbosDb = await createTestDatabase();
    cleanups.push(() => dbosDb.drop());
    const dbosConductor = await FakeConductor.start();
    cleanups.push(() => dbosConductor.close());
    const dbosLinked = dbosConductor.nextLink(60_000);
    const child = spawn(process.execPath, [DBOS_APP], {
      env: {
        ...process.env,
        APP_NAME: appName,
        SYSTEM_DATABASE_URL: dbosDb.url,
        CONDUCTOR_URL: dbosConductor.url,
        CONDUCTOR_KEY: 'differential-key',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => stopChild(child));
    const dbosIds = JSON.parse(await readyLine(child)) as TwinIds;
    const dbosLink = await dbosLinked;

    const podiumDb = await createTestDatabase();
    cleanups.push(() => podiumDb.drop());
    const podiumConductor = await FakeConductor.start();
    cleanups.push(() => podiumConductor.close());
    const app = new Podium({
      appName,
      databaseUrl: podiumDb.url,
      conductorKey: 'differential-key',
      conductorUrl: podiumConductor.url,
    });
    const twins = defineTwins(app);
    const podiumLinked = podiumConductor.nextLink(60_000);
    await app.launch();
    cleanups.push(() => app.shutdown());
    const podiumIds = await runTwinScenario(app, twins);
    const podiumLink = await podiumLinked;
    return {
      dbos: { link: dbosLink, ids: dbosIds },
      podium: { link: podiumLink, ids: podiumIds, app },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The JSON the fixture prints once its workflows are in place; rejects if it dies first. */
function readyLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`DBOS app not ready:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PODIUM_DIFF_READY (\{.*\})/.exec(output);
      if (match?.[1] !== undefined) finish(match[1]);
    };
    const onExit = (code: number | null) =>
      finish(new Error(`DBOS app exited (${code}) before it was ready:\n${output}`));
    const finish = (result: string | Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (typeof result === 'string') resolve(result);
      else reject(result);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(kill);
}
