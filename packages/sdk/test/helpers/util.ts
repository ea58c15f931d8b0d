/** Small helpers shared by the integration suites. */
import { randomBytes } from 'node:crypto';

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes: a guard against hanging,
 * not a deadline (PGlite in a loaded test worker can be slow).
 */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until the clock has passed `epochMs`, so that any timestamp taken from now on (here or
 * by the database, which shares the machine's clock and rounds to the millisecond) is later:
 * time that must pass, waited for as a condition rather than guessed as a pause.
 */
export async function untilClockPasses(epochMs: number): Promise<void> {
  if (!Number.isFinite(epochMs)) throw new Error(`not a time: ${epochMs}`);
  const waitMs = Math.max(0, epochMs - Date.now());
  await waitFor(() => Date.now() > epochMs + 1, waitMs + 10_000, `the clock past ${epochMs}`);
}

export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Counts how often each labelled piece of code ran. */
export class RunLog {
  private readonly counts = new Map<string, number>();
  hit(label: string): void {
    this.counts.set(label, this.count(label) + 1);
  }
  count(label: string): number {
    return this.counts.get(label) ?? 0;
  }
}
