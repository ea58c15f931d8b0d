/**
 * Coalesces requests to run a job per key: the first request schedules a run `delayMs` later,
 * later requests before it starts join it, and requests while it runs schedule one more run
 * after it. So a burst of N requests costs at most two runs, never N, and runs of one key never
 * overlap.
 */
export class CoalescedRuns {
  private readonly keys = new Map<
    string,
    { timer?: NodeJS.Timeout; running: boolean; again: boolean }
  >();
  private stopped = false;

  constructor(private readonly delayMs: number) {}

  request(key: string, job: () => Promise<void>): void {
    if (this.stopped) return;
    const state = this.keys.get(key) ?? { running: false, again: false };
    this.keys.set(key, state);
    if (state.running) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    state.timer = setTimeout(() => void this.run(key, state, job), this.delayMs);
    state.timer.unref();
  }

  /** No run starts after this (one under way finishes). */
  stop(): void {
    this.stopped = true;
    for (const state of this.keys.values()) clearTimeout(state.timer);
    this.keys.clear();
  }

  private async run(
    key: string,
    state: { timer?: NodeJS.Timeout; running: boolean; again: boolean },
    job: () => Promise<void>,
  ) {
    state.timer = undefined;
    state.running = true;
    try {
      await job();
    } finally {
      state.running = false;
      if (state.again && !this.stopped) {
        state.again = false;
        this.request(key, job);
      } else {
        this.keys.delete(key);
      }
    }
  }
}
