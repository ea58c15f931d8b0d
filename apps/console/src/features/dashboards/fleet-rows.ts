/** The fleet page's rows: one application's health, failures and queue age, and their sorting. */

/** `online`: an executor answered; `offline`: none connected; `unavailable`: asking failed. */
export type FleetState = 'online' | 'offline' | 'unavailable';

export interface FleetRow {
  app: string;
  state: FleetState;
  connected: number;
  dead: number;
  /** Failed in the recent window (null unless online). */
  failed: number | null;
  /** Failed of finished in the recent window, 0-1 (null when none finished or not online). */
  failureRate: number | null;
  /** Enqueued now, all queues (null unless online). */
  enqueued: number | null;
  /** Age of the oldest enqueued workflow, ms (null when none or not online). */
  oldestEnqueuedMs: number | null;
}

export const FLEET_SORT_COLUMNS = [
  'app',
  'connected',
  'dead',
  'failed',
  'failureRate',
  'oldestEnqueuedMs',
] as const;
export type FleetSortColumn = (typeof FLEET_SORT_COLUMNS)[number];

export interface FleetSort {
  column: FleetSortColumn;
  desc: boolean;
}

/** Failed and finished counts of a status breakdown. */
export function failuresOf(counts: ReadonlyArray<{ status: string | null; count: number }>): {
  failed: number;
  failureRate: number | null;
} {
  const total = (statuses: string[]) =>
    counts
      .filter((row) => row.status !== null && statuses.includes(row.status))
      .reduce((sum, row) => sum + row.count, 0);
  const failed = total(['ERROR', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED']);
  const finished = failed + total(['SUCCESS']);
  return { failed, failureRate: finished === 0 ? null : failed / finished };
}

/** Rows in `sort`'s order; rows without a value last either way, ties by app name. */
export function sortFleet(rows: readonly FleetRow[], sort: FleetSort): FleetRow[] {
  const direction = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.column];
    const y = b[sort.column];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return direction * (x < y ? -1 : 1);
    }
    return a.app.localeCompare(b.app);
  });
}

/** Clicking a column: flips the direction of the current one, else sorts by it (names A-Z, numbers high first). */
export function nextFleetSort(current: FleetSort, column: FleetSortColumn): FleetSort {
  if (current.column === column) return { column, desc: !current.desc };
  return { column, desc: column !== 'app' };
}
