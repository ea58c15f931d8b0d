/**
 * Schedules across a real crash: a child process serving two every-second schedules is
 * SIGKILLed while runs are in flight (one hung in a step, others enqueued or running), every
 * process stays down for a few ticks, and a second process takes over. No tick is doubled
 * (one workflow per tick, its first step run once), none the process had fired is lost (all
 * finish), and the ticks missed while down follow the policy: made up with automaticBackfill,
 * skipped without.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/backends';
import { contiguous, tickOf } from './helpers/scheduled';
import { uniqueName, untilClockPasses, waitFor } from './helpers/util';

const RUN_TS = path.join(__dirname, 'fixtures', 'run-ts.cjs');
const APP = path.join(__dirname, 'fixtures', 'schedule-app.ts');

const scratch = mkdtempSync(path.join(tmpdir(), 'podium-schedule-crash-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

function spawnApp(env: Record<string, string>): ChildProcess {
  const child = fork(RUN_TS, [APP], { env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  return child;
}

const readLog = (file: string): string[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

const exited = (child: ChildProcess): Promise<unknown> =>
  new Promise((resolve) => child.once('exit', resolve));

interface Report {
  error?: string;
  launchedAt: number;
  runs: { workflowId: string; scheduleName: string }[];
}

const BACKENDS = [
  {
    name: 'postgres',
    database: async () => {
      const db = await createTestDatabase();
      return { env: { DATABASE_URL_UNDER_TEST: db.url }, cleanup: () => db.drop() };
    },
  },
  {
    name: 'pglite',
    database: () =>
      Promise.resolve({
        env: { DATA_DIR: mkdtempSync(path.join(scratch, 'pglite-')) },
        cleanup: () => Promise.resolve(),
      }),
  },
];

describe.each(BACKENDS)('schedules across a crash on $name', ({ database }) => {
  it('loses and doubles no tick across a SIGKILL', { timeout: 360_000 }, async () => {
    const { env, cleanup } = await database();
    const runLog = path.join(scratch, `${uniqueName('runs')}.log`);
    const schedules = { BACKFILL: uniqueName('backfill'), SKIP: uniqueName('skip') };
    const common = { ...env, ...schedules, RUN_LOG: runLog };
    try {
      const doomed = spawnApp({ ...common, MODE: 'doomed' });
      const doomedExit = exited(doomed);
      // Killed mid-schedule: one run hung in a step, and more ticks fired after it.
      await waitFor(
        () => {
          const lines = readLog(runLog);
          const hung = lines.findIndex((line) => line.startsWith('hang@'));
          return hung >= 0 && lines.slice(hung).some((line) => line.startsWith('backfill@'));
        },
        150_000,
        'a hung run, and a later one',
      );
      doomed.kill('SIGKILL');
      await doomedExit;
      const killedAt = Date.now();
      await untilClockPasses(killedAt + 3_000); // ticks pass while no process serves them

      const survivor = spawnApp({ ...common, MODE: 'survivor' });
      const report = await new Promise<Report>((resolve, reject) => {
        survivor.once('message', (message) => resolve(message as Report));
        survivor.once('exit', (code) => reject(new Error(`survivor exited ${code}`)));
      });
      await exited(survivor);
      expect(report.error).toBeUndefined();

      const lines = readLog(runLog);
      const ticksOf = (name: string) =>
        report.runs
          .filter((run) => run.scheduleName === name)
          .map((run) => tickOf(run.workflowId, name))
          .sort((a, b) => a - b);
      // No tick doubled: one workflow per tick, whose first step ran once in each process.
      // (A step is at least once across a crash: one whose side effect happened before the
      // SIGKILL but whose checkpoint did not is run again by the survivor, as any step is.)
      for (const [label, name] of [
        ['backfill', schedules.BACKFILL],
        ['skip', schedules.SKIP],
      ] as const) {
        const ticks = ticksOf(name);
        expect(ticks.length).toBeGreaterThan(3);
        expect(new Set(ticks).size, `${label}: one workflow per tick`).toBe(ticks.length);
        for (const tick of ticks) {
          const key = `${label}@${new Date(tick).toISOString()}`;
          const ranIn = (mode: string) => lines.filter((line) => line === `${key}\t${mode}`);
          expect(ranIn('doomed').length + ranIn('survivor').length, key).toBeGreaterThan(0);
          expect(ranIn('doomed').length, `${key} in the killed process`).toBeLessThanOrEqual(1);
          expect(ranIn('survivor').length, `${key} in the survivor`).toBeLessThanOrEqual(1);
        }
      }
      // The hung run was recovered and finished (it is in the report, all SUCCESS).
      const hung = lines.find((line) => line.startsWith('hang@'))?.slice('hang@'.length) ?? '';
      expect(ticksOf(schedules.BACKFILL)).toContain(Date.parse(hung));

      // automaticBackfill: not one tick missing from the first to the last, down time included.
      const backfilled = ticksOf(schedules.BACKFILL);
      expect(contiguous(backfilled, 1000)).toBe(true);
      expect(
        backfilled.filter((t) => t > killedAt && t < report.launchedAt).length,
      ).toBeGreaterThan(2);

      // Default: the ticks of the down time skipped, none before or after.
      const skipped = ticksOf(schedules.SKIP);
      const before = skipped.filter((t) => t <= killedAt);
      const after = skipped.filter((t) => t > killedAt);
      expect(contiguous(before, 1000)).toBe(true);
      expect(contiguous(after, 1000)).toBe(true);
      expect(after.every((t) => t > report.launchedAt)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
