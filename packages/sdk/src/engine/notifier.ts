/**
 * In-process wake-ups for waits on the database (messages, events, streams): a change made in
 * this process wakes local waiters immediately, while changes made elsewhere are seen at the
 * next poll (streams: as soon as the database's notification arrives, see `StreamWatch`).
 * Losing a notification only delays a waiter until its next poll, never loses data.
 */
import { sleep } from '../internal/sleep';

export class Notifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(key: string): void {
    for (const wake of this.waiters.get(key) ?? []) wake();
  }

  /**
   * Registers interest in `key` now: `woken` resolves on the next `notify(key)`. Arm before
   * reading what the notification is about, so one arriving in between is not lost. Call
   * `cancel` once done waiting.
   */
  arm(key: string): { woken: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const set = this.waiters.get(key) ?? new Set();
    set.add(wake);
    this.waiters.set(key, set);
    const cancel = (): void => {
      set.delete(wake);
      if (set.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key);
    };
    return { woken, cancel };
  }

  /** Resolves on `notify(key)` or after `ms`; rejects with the reason if `signal` aborts. */
  async wait(key: string, ms: number, signal?: AbortSignal): Promise<void> {
    const timer = new AbortController();
    const stop = signal === undefined ? timer.signal : AbortSignal.any([timer.signal, signal]);
    const armed = this.arm(key);
    try {
      await Promise.race([sleep(ms, stop), armed.woken]);
    } finally {
      timer.abort();
      armed.cancel();
    }
  }
}

export const messageKey = (workflowId: string): string => `message:${workflowId}`;
export const eventKey = (workflowId: string): string => `event:${workflowId}`;
export const streamKey = (workflowId: string, key: string): string =>
  `stream:${JSON.stringify([workflowId, key])}`;
