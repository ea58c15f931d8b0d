/**
 * Timing rules of dead-executor recovery, as pure functions and a small clocked table, so they
 * are tested without timers, sockets or a database.
 */

/** When a disconnected executor is declared dead: its disconnection plus the grace period. */
export function deadlineOf(record: {
  readonly disconnectedAt: Date;
  readonly gracePeriodSeconds: number;
}): number {
  return record.disconnectedAt.getTime() + record.gracePeriodSeconds * 1_000;
}

/**
 * Which dead executors the periodic sweep may try again, after failed or waiting attempts.
 * The first retry is due at once (the next sweep), then the wait doubles from one sweep period
 * up to `maxMs`. A trigger that changes the odds (an executor of the right version connecting)
 * does not consult it. In memory: a restart simply retries everything at its first sweep.
 */
export class RetrySchedule {
  private readonly entries = new Map<string, { failures: number; notBefore: number }>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  isDue(key: string): boolean {
    const entry = this.entries.get(key);
    return !entry || entry.notBefore <= this.now();
  }

  /** Records one more failure; returns the wait before the next try is due. */
  failed(key: string): number {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const waitMs = Math.min(this.maxMs, this.baseMs * (2 ** Math.min(failures - 1, 30) - 1));
    this.entries.set(key, { failures, notBefore: this.now() + waitMs });
    return waitMs;
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key but these (the others left another way: reconnected, recovered elsewhere, deleted). */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
