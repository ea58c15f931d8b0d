/**
 * Two executors over comparable data, side by side: a DBOS Transact 5.2.11 app and a
 * @podium/sdk app (test/differential/fixtures/scenario-app.ts), each in its own process on its
 * own PostgreSQL database, both connected to one fake conductor. `ask` sends the same request
 * to both and returns both answers, decoded against the protocol's catalog.
 */
import path from 'node:path';
import type { MessageType, RequestFieldsOf, ResponseOf } from '@podium/protocol';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from '../../helpers/backends';
import { childApps, exited, nextMessage } from '../../helpers/child-app';
import { type ConductorLink, FakeConductor } from '../../helpers/fake-conductor';
import type { Scenario } from '../fixtures/scenario-app';

const APP = path.join(__dirname, '..', 'fixtures', 'scenario-app.ts');
export const SDKS = ['dbos', 'podium'] as const;
export type SdkName = (typeof SDKS)[number];

/** The application name both executors run under (each in its own database). */
export const APP_NAME = 'differential';

export interface Executor {
  readonly link: ConductorLink;
  readonly scenario: Scenario;
  readonly process: ChildProcess;
}

export interface Pair {
  readonly dbos: Executor;
  readonly podium: Executor;
  /** The same request to both executors, answered concurrently. */
  ask<K extends MessageType>(
    type: K,
    fields?: RequestFieldsOf<K>,
  ): Promise<Record<SdkName, ResponseOf<K>>>;
  /** Lets the blocked workflow (`blocked-1`) finish in both. */
  release(): void;
  stop(): Promise<void>;
}

/** Starts both executors, one after the other (each launch is CPU-heavy), with their data. */
export async function startPair(): Promise<Pair> {
  const apps = childApps();
  const conductor = await FakeConductor.start();
  const databases: { drop(): Promise<void> }[] = [];
  const executors: Partial<Record<SdkName, Executor>> = {};
  const stop = async () => {
    for (const executor of Object.values(executors)) {
      const gone = exited(executor.process);
      executor.process.send({ shutdown: true });
      setTimeout(() => executor.process.kill('SIGKILL'), 20_000).unref();
      await gone;
    }
    apps.cleanup();
    await conductor.close();
    for (const database of databases) await database.drop();
  };
  try {
    for (const sdk of SDKS) {
      const database = await createTestDatabase();
      databases.push(database);
      const linked = conductor.nextLink(60_000);
      const child = apps.spawn(APP, {
        SDK: sdk,
        APP_NAME,
        DATABASE_URL_UNDER_TEST: database.url,
        CONDUCTOR_URL: conductor.url,
        CONDUCTOR_KEY: `${sdk}-key`,
      });
      const ready = nextMessage<{ ready: Scenario }>(child);
      const link = await linked;
      if (!link.path.endsWith(`/${sdk}-key`)) throw new Error(`unexpected link ${link.path}`);
      executors[sdk] = { link, process: child, scenario: (await ready).ready };
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const { dbos, podium } = executors as Record<SdkName, Executor>;
  return {
    dbos,
    podium,
    async ask(type, fields) {
      const [fromDbos, fromPodium] = await Promise.all(
        [dbos, podium].map((executor) => executor.link.request(type, fields)),
      );
      return { dbos: fromDbos, podium: fromPodium } as Record<
        SdkName,
        Awaited<ReturnType<typeof dbos.link.request<typeof type>>>
      >;
    },
    release() {
      for (const executor of [dbos, podium]) executor.process.send({ release: true });
    },
    stop,
  };
}

/**
 * A pair for one test file: started before its tests (two child launches, so a generous
 * limit, which only catches hangs), stopped after.
 */
export function usePair(): () => Pair {
  let pair: Pair | undefined;
  beforeAll(async () => {
    pair = await startPair();
  }, 180_000);
  afterAll(async () => {
    await pair?.stop();
  }, 60_000);
  return () => {
    if (pair === undefined) throw new Error('the pair did not start');
    return pair;
  };
}
