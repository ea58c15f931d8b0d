import { AppError, type BackfillScheduleRequest, CRON_SHORTHANDS } from '@podium/protocol';

/**
 * At most this many runs per backfill. An executor answers with the id of every run it
 * enqueued, and DBOS TypeScript builds that answer in memory outside its error handling:
 * a window of millions of ticks takes it down (or past the frame limit, its link).
 */
export const MAX_BACKFILL_RUNS = 100_000;

const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;

/** The second, minute and hour fields' ranges, in cron order. */
const TIME_OF_DAY_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
];

/**
 * An upper bound on the runs `cron` fires in `[startMs, endMs)`, read from its second, minute
 * and hour fields (five fields: at second 0): runs a day times the days the window touches
 * (two more for its ends and a daylight-saving day), and never more than one a second. A field
 * this does not read (names, `L`, `?`, a reversed range) counts as its whole range; `@daily` and
 * the other shorthands count as the fields they stand for.
 */
export function maxBackfillRuns(cron: string, startMs: number, endMs: number): number {
  const expression = cron.trim();
  const fields = (CRON_SHORTHANDS[expression.toLowerCase()] ?? expression).split(/\s+/);
  const timeOfDay = fields.length === 5 ? ['0', ...fields.slice(0, 2)] : fields.slice(0, 3);
  const perDay = TIME_OF_DAY_RANGES.reduce(
    (runs, range, i) => runs * valuesIn(timeOfDay[i] ?? '*', range),
    1,
  );
  const windowMs = endMs - startMs;
  return Math.min(perDay * (Math.ceil(windowMs / DAY_MS) + 2), Math.ceil(windowMs / SECOND_MS));
}

/** VALIDATION_FAILED when the window could hold more than MAX_BACKFILL_RUNS ticks of `cron`. */
export function assertBackfillBounded(cron: string, req: BackfillScheduleRequest): void {
  const runs = maxBackfillRuns(cron, Date.parse(req.startTime), Date.parse(req.endTime));
  if (runs <= MAX_BACKFILL_RUNS) return;
  throw new AppError(
    'VALIDATION_FAILED',
    `This window may hold up to ${runs} runs of the schedule ("${cron}"); a backfill starts at ` +
      `most ${MAX_BACKFILL_RUNS}: split the window.`,
  );
}

/** How many values of `[lo, hi]` a field allows: lists of `*`, `a`, `a-b`, each with `/step`. */
function valuesIn(field: string, [lo, hi]: readonly [number, number]): number {
  const whole = hi - lo + 1;
  const seen = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!match) return whole;
    const [, from = '*', to, stepText] = match;
    const start = from === '*' ? lo : Number(from);
    const end = to !== undefined ? Number(to) : from === '*' || stepText !== undefined ? hi : start;
    const step = stepText === undefined ? 1 : Number(stepText);
    // A reversed range wraps around in some SDKs (22-2: 22 to 2): counted whole.
    if (step < 1 || start > end) return whole;
    for (let value = Math.max(start, lo); value <= Math.min(end, hi); value += step) {
      seen.add(value);
    }
  }
  return seen.size === 0 ? whole : seen.size;
}
