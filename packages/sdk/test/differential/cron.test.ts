/**
 * Differential check of the cron language: `CronSchedule` against DBOS Transact 5.2.11's own
 * matcher (`dist/src/scheduler/crontab.js`, loaded straight from the installed package). The
 * same expressions are accepted or refused by both, and from many instants (across
 * daylight-saving changes, month ends and leap days) both find the same next tick. DBOS reads
 * an expression without a zone in the process's zone and `CronSchedule` in UTC, so the zone is
 * always given here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CronSchedule } from '../../src/engine/schedules/cron';

interface DbosTimeMatcher {
  match(date: number): boolean;
  nextWakeupTime(date: number): Date;
}
interface DbosCrontab {
  TimeMatcher: new (pattern: string, timezone?: string) => DbosTimeMatcher;
  validateCrontab(pattern: string): void;
}

// The package's `exports` hide its internals; its entry point's folder holds them.
const load = createRequire(__filename);
const dbosCrontab = load(
  path.join(path.dirname(load.resolve('@dbos-inc/dbos-sdk')), 'scheduler', 'crontab.js'),
) as DbosCrontab;

const ACCEPTED = [
  '* * * * *',
  '* * * * * *',
  '*/7 * * * * *',
  '0 */15 * * * *',
  '5,10,50 3-5 * * *',
  '0 22-2/2 * * *',
  '0 0 1 jan,Jul *',
  '0 0 1 JANUARY-march *',
  '0 12 * * 5-7',
  '0 12 * * sun',
  '0 12 * * Saturday,monday',
  '0 8 ? * mon-wed',
  '0 8 1 * ?',
  '0 0 13 * 5',
  '0 0 L * *',
  '0 0 L-3 * *',
  '0 0 15W * *',
  '0 0 1W * *',
  '0 0 31W * *',
  '0 0 LW * *',
  '0 0 * * 5L',
  '0 0 * * 2#2',
  '0 0 * * 7#1',
  '30 1 * * *',
  '30 2 * * *',
  '0 0 29 2 *',
  '0 0 29 2 1',
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
  '  0   12  *  *  *  ',
];

const REFUSED = [
  '',
  '* * * *',
  '* * * * * * *',
  '60 * * * *',
  '* 24 * * *',
  '* * 0 * *',
  '* * 32 * *',
  '* * * 13 *',
  '* * * * 8',
  '*/0 * * * *',
  '5/15 * * * *',
  '* * 1-15W * *',
  '* * L-31 * *',
  '* * * * L',
  '* * * * 1#6',
  '0 0 30 2 *',
  '0 0 31 4,6 *',
  'a b c d e',
  '* * * * * $',
];

const ZONES = ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Lord_Howe'];

/** Instants around the hard cases: DST changes (both hemispheres), month ends, leap days. */
const FROM = [
  '2024-02-28T23:59:59Z',
  '2024-12-31T23:59:59.500Z',
  '2025-03-09T06:59:30Z',
  '2025-03-30T00:59:59Z',
  '2025-04-05T14:30:00Z',
  '2025-05-30T12:00:00Z',
  '2025-10-04T15:00:00Z',
  '2025-10-26T00:30:00Z',
  '2025-11-02T05:15:00Z',
  '2025-11-02T06:00:00Z',
  '2026-01-13T00:00:00Z',
].map((iso) => Date.parse(iso));

/** DBOS's next tick after `from`: it may stop at an instant that is not one; walk on. */
function dbosNext(matcher: DbosTimeMatcher, from: number): number {
  let at = from;
  for (let i = 0; i < 10; i++) {
    at = matcher.nextWakeupTime(at).getTime();
    if (matcher.match(at)) return at;
  }
  throw new Error(`DBOS found no tick after ${new Date(from).toISOString()}`);
}

describe('cron expressions, against DBOS Transact 5.2.11', () => {
  it.each(ACCEPTED)('both accept %j', (expression) => {
    expect(() => dbosCrontab.validateCrontab(expression)).not.toThrow();
    expect(() => new CronSchedule(expression, 'UTC')).not.toThrow();
  });

  it.each(REFUSED)('both refuse %j', (expression) => {
    expect(() => dbosCrontab.validateCrontab(expression)).toThrow();
    expect(() => new CronSchedule(expression, 'UTC')).toThrow();
  });

  it.each(ZONES)('both find the same next ticks in %s', (zone) => {
    for (const expression of ACCEPTED) {
      const ours = new CronSchedule(expression, zone);
      const theirs = new dbosCrontab.TimeMatcher(expression, zone);
      for (const from of FROM) {
        // Three ticks in a row from each instant: the cases meet their neighbours.
        let mine: number | null = from;
        let dbos = from;
        for (let step = 0; step < 3; step++) {
          mine = mine === null ? null : ours.next(mine);
          dbos = dbosNext(theirs, dbos);
          const where = `${expression} in ${zone} after ${new Date(from).toISOString()}`;
          expect(mine === null ? null : new Date(mine).toISOString(), where).toBe(
            new Date(dbos).toISOString(),
          );
        }
      }
    }
  });
});
