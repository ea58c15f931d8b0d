/**
 * Watches the calls of a storage method without changing them: a barrier at a point the
 * engine reaches deterministically, where a test would otherwise sleep and hope that something
 * did (or did not) happen by then. Both backends share `SqlStorage`, so a watch works on
 * PostgreSQL and PGlite. Suites that watch restore the methods with `vi.restoreAllMocks()`
 * after each test.
 */
import { vi } from 'vitest';
import { SqlStorage } from '../../src/engine/storage/sql-storage';
import type { Args, AsyncMethodName, Result } from './hold';
import { waitFor } from './util';

export interface StorageWatch<K extends AsyncMethodName> {
  /** How many calls (whose arguments match) have begun since the watch did. */
  count(matches?: (args: Args<K>) => boolean): number;
  /** The result of the first call that begins after this one, matches, and has returned. */
  next(matches?: (args: Args<K>) => boolean): Promise<Result<K>>;
  /**
   * Resolves once the instance that got a result satisfying `returned` has begun another call
   * of the method (a sequential caller, like the dequeuer, is then past what it did with it).
   */
  calledAgainAfter(returned: (result: Result<K>) => boolean): Promise<void>;
}

type Method = (this: SqlStorage, ...args: unknown[]) => Promise<unknown>;

export function watchStorage<K extends AsyncMethodName>(method: K): StorageWatch<K> {
  // The spy's typing cannot follow a generic method name; calls pass through unchanged.
  const spy = vi.spyOn(SqlStorage.prototype as unknown as Record<string, Method>, method);
  const from = spy.mock.calls.length;
  const argsOf = (i: number) => spy.mock.calls[i] as unknown as Args<K>;
  const resultOf = (i: number): { value: Result<K> } | undefined => {
    const settled = spy.mock.settledResults[i];
    return settled?.type === 'fulfilled' ? { value: settled.value as Result<K> } : undefined;
  };
  const indexes = (start: number) =>
    Array.from({ length: spy.mock.calls.length - start }, (_, n) => start + n);
  return {
    count: (matches = () => true) => indexes(from).filter((i) => matches(argsOf(i))).length,
    async next(matches = () => true) {
      const after = spy.mock.calls.length;
      const found = await waitFor(
        () =>
          indexes(after)
            .filter((i) => matches(argsOf(i)))
            .map(resultOf)
            .find((result) => result !== undefined),
        30_000,
        `a call of ${method} that began after the barrier`,
      );
      return found.value;
    },
    async calledAgainAfter(returned) {
      await waitFor(
        () => {
          const i = indexes(from).find((n) => {
            const result = resultOf(n);
            return result !== undefined && returned(result.value);
          });
          if (i === undefined) return false;
          const caller = spy.mock.contexts[i];
          return indexes(i + 1).some((n) => spy.mock.contexts[n] === caller);
        },
        30_000,
        `another call of ${method} after the awaited result`,
      );
    },
  };
}

/** The dequeuer's claims (`claimEnqueued`), one queue at a time, one poll after another. */
export function watchClaims() {
  const claims = watchStorage('claimEnqueued');
  return {
    /**
     * Resolves once a claim on `queueName` (by `executorId`, if given) that began after this
     * call has returned: it saw every workflow enqueued before, so any it left ENQUEUED, the
     * engine chose to leave there.
     */
    nextClaim: (queueName: string, executorId?: string) =>
      claims.next(
        ([scope, , queue]) =>
          queue.name === queueName && (executorId === undefined || scope.executorId === executorId),
      ),
    /**
     * Resolves once the claim that returned `workflowId` has been handed to the engine: the
     * dequeuer dispatches a claim's workflows before it begins its next claim.
     */
    dispatched: (workflowId: string) =>
      claims.calledAgainAfter(({ records }) => records.some((r) => r.workflowId === workflowId)),
  };
}
