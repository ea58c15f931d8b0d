/**
 * Holds one call of a storage method until the test releases it: a deterministic way to have
 * a database operation in flight (`'before'` the real call) or finished but not yet returned to
 * the engine (`'after'`) while something else happens, e.g. a shutdown. Both backends share
 * `SqlStorage`, so the same hold works on PostgreSQL and PGlite.
 */
import { vi } from 'vitest';
import { SqlStorage } from '../../src/engine/storage/sql-storage';
import { deferred } from './util';

export type AsyncMethodName = {
  [K in keyof SqlStorage]: SqlStorage[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof SqlStorage];

export type Args<K extends AsyncMethodName> = Parameters<SqlStorage[K]>;
export type Result<K extends AsyncMethodName> = Awaited<ReturnType<SqlStorage[K]>>;

export interface Hold {
  /** Resolves once the held call has reached the hold. */
  readonly reached: Promise<void>;
  /** Lets the held call go on. */
  release(): void;
}

const spies = new Set<{ release(): void; restore(): void }>();

/**
 * Holds the first call of `method` that `matches` (given its arguments and, for `'after'`,
 * its result). Every other call passes straight through.
 */
export function holdStorage<K extends AsyncMethodName>(
  method: K,
  at: 'before' | 'after',
  matches: (args: Args<K>, result: Result<K> | undefined) => boolean = () => true,
): Hold {
  type Method = (this: SqlStorage, ...args: unknown[]) => Promise<unknown>;
  const original = SqlStorage.prototype[method] as Method;
  const reached = deferred();
  const released = deferred();
  let held = false;
  const wait = async () => {
    held = true;
    reached.resolve();
    await released.promise;
  };
  const test = (args: unknown[], result: unknown) => matches(args as Args<K>, result as Result<K>);
  const implementation: Method = async function (this: SqlStorage, ...args) {
    if (at === 'before' && !held && test(args, undefined)) await wait();
    const result = await original.apply(this, args);
    if (at === 'after' && !held && test(args, result)) await wait();
    return result;
  };
  // The spy's typing cannot follow a generic method name; the implementation is generic.
  const spy = vi
    .spyOn(SqlStorage.prototype as unknown as Record<string, Method>, method)
    .mockImplementation(implementation);
  spies.add({ release: () => released.resolve(), restore: () => spy.mockRestore() });
  return { reached: reached.promise, release: () => released.resolve() };
}

/** Releases every hold and restores the storage methods (for an `afterEach`). */
export function releaseHolds(): void {
  for (const spy of spies) {
    spy.release();
    spy.restore();
  }
  spies.clear();
}
