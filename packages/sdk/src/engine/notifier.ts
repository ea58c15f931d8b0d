/**
 * In-process wake-ups for waits on the database (messages, events): a change made in this
 * process wakes local waiters immediately, while changes made elsewhere are seen at the next
 * poll. Losing a notification only delays a waiter until its next poll, never loses data.
 */
import { sleep } from '../internal/sleep';

export class Notifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(key: string): void {
    for (const wake of this.waiters.get(key) ?? []) wake();
  }

  /** Resolves on `notify(key)` or after `ms`; rejects with the reason if `signal` aborts. */
  async wait(key: string, ms: number, signal?: AbortSignal): Promise<void> {
    const timer = new AbortController();
    const stop = signal === undefined ? timer.signal : AbortSignal.any([timer.signal, signal]);
    let wake!: () => void;
    const notified = new Promise<void>((resolve) => (wake = resolve));
    const set = this.waiters.get(key) ?? new Set();
    set.add(wake);
    this.waiters.set(key, set);
    try {
      await Promise.race([sleep(ms, stop), notified]);
    } finally {
      timer.abort();
      set.delete(wake);
      if (set.size === 0) this.waiters.delete(key);
    }
  }
}

export const messageKey = (workflowId: string): string => `message:${workflowId}`;
export const eventKey = (workflowId: string): string => `event:${workflowId}`;
