/**
 * Real crash recovery: a child process is SIGKILLed in the middle of a workflow, and a second
 * process with the same executor id and code recovers it at launch. Completed steps must run
 * exactly once; only the step in flight at the crash may run again.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Podium } from '../src';
import { CHILD_BACKENDS, childApps, exited, nextMessage, readLog } from './helpers/child-app';
import { uniqueName, waitFor } from './helpers/util';

const apps = childApps();
afterAll(() => apps.cleanup());
const spawnApp = (env: Record<string, string>) => apps.spawn('crash-app.ts', env);

/** How many values the stream fixture writes; it hangs (and is killed) in the step before 3. */
const VALUES = 6;

interface Report {
  result?: string;
  error?: string;
  status?: { status: string; recoveryAttempts: number; executorId: string };
  steps?: { functionId: number; functionName: string }[];
}

describe.each(CHILD_BACKENDS)('crash recovery on $name', ({ database }) => {
  // Two cold starts of a child process (with PGlite: two database boots) can take a while on a
  // loaded machine; the limits only catch hangs.
  it(
    'resumes a SIGKILLed workflow from its last completed step',
    { timeout: 300_000 },
    async () => {
      const { env, cleanup } = await database(apps.scratch);
      const stepLog = path.join(apps.scratch, `${uniqueName('steps')}.log`);
      const common = { ...env, STEP_LOG: stepLog, APP_NAME: 'crash', WORKFLOW_ID: 'crash-1' };
      try {
        const doomed = spawnApp({ ...common, MODE: 'start' });
        const doomedExit = exited(doomed);
        await waitFor(() => readLog(stepLog).includes('s2'), 150_000, 'step s2 to start');
        doomed.kill('SIGKILL');
        await doomedExit;
        expect(readLog(stepLog)).toEqual(['s0', 's1', 's2']);

        const survivor = spawnApp({ ...common, MODE: 'recover' });
        const report = await nextMessage<Report>(survivor);
        await exited(survivor);
        expect(report.error).toBeUndefined();
        expect(report.result).toBe('result:5');
        expect(readLog(stepLog)).toEqual(['s0', 's1', 's2', 's2', 's3']);
        expect(report.status).toMatchObject({
          status: 'SUCCESS',
          recoveryAttempts: 1,
          executorId: 'local',
        });
        expect(report.steps?.map((s) => [s.functionId, s.functionName])).toEqual([
          [0, 's0'],
          [1, 'podium.sleep'],
          [2, 's1'],
          [3, 's2'],
          [4, 's3'],
        ]);
      } finally {
        await cleanup();
      }
    },
  );

  it(
    'loses and doubles no stream value when the writer is SIGKILLed and recovered',
    { timeout: 300_000 },
    async () => {
      const { env, cleanup } = await database(apps.scratch);
      const stepLog = path.join(apps.scratch, `${uniqueName('stream')}.log`);
      const common = {
        ...env,
        STEP_LOG: stepLog,
        APP_NAME: 'stream-crash',
        WORKFLOW_ID: 'ticks-1',
        VALUES: String(VALUES),
        CRASH_AT: '3',
      };
      // PostgreSQL is shared: this process reads live across the crash (PGlite's data
      // directory is one process's at a time, so there only the recovering process reads).
      const url = 'DATABASE_URL_UNDER_TEST' in env ? env.DATABASE_URL_UNDER_TEST : undefined;
      const reader =
        url === undefined
          ? undefined
          : new Podium({ appName: 'reader', executorId: 'reader', databaseUrl: url });
      try {
        await reader?.launch();
        const doomed = apps.spawn('stream-crash-app.ts', { ...common, MODE: 'start' });
        const doomedExit = exited(doomed);
        await waitFor(() => readLog(stepLog).includes('w0'), 150_000, 'the workflow to start');
        const live =
          reader === undefined ? undefined : collectAll(reader.readStream('ticks-1', 'ticks'));
        await waitFor(() => readLog(stepLog).includes('w3'), 150_000, 'step w3 to start');
        doomed.kill('SIGKILL');
        await doomedExit;

        const survivor = apps.spawn('stream-crash-app.ts', { ...common, MODE: 'recover' });
        const report = await nextMessage<StreamReport>(survivor);
        await exited(survivor);
        expect(report.error).toBeUndefined();
        expect(report.result).toBe('emitted');
        const all = Array.from({ length: VALUES }, (_, i) => i);
        expect(report.values).toEqual(all);
        expect(report.resumed).toEqual(all.slice(3));
        if (live !== undefined) expect(await live).toEqual(all);
        // Only the step in flight at the crash ran twice; every write happened once.
        expect(readLog(stepLog)).toEqual(['w0', 'w1', 'w2', 'w3', 'w3', 'w4', 'w5']);
        const writes = report.steps?.filter((s) => s.functionName === 'podium.writeStream');
        expect(writes).toHaveLength(VALUES);
      } finally {
        await reader?.shutdown();
        await cleanup();
      }
    },
  );
});

interface StreamReport {
  result?: string;
  error?: string;
  values?: unknown[];
  resumed?: unknown[];
  steps?: { functionId: number; functionName: string }[];
}

async function collectAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of stream) values.push(value);
  return values;
}
