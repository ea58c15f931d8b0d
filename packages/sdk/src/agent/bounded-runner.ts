/**
 * Runs at most `concurrent` tasks at once and holds at most `waiting` more, started in arrival
 * order as slots free. The conductor agent's requests go through one, so a burst from the
 * control plane cannot take every connection of the app's pool from its workflows.
 */
export interface RunnerLimits {
  concurrent: number;
  waiting: number;
}

export class BoundedRunner {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limits: RunnerLimits) {}

  /** Tasks started and not finished, and tasks waiting for a slot. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  /**
   * Starts `task` now or once a slot frees. Resolves when it has finished (it must not reject);
   * undefined, and nothing queued, when every slot is taken and the queue is full.
   */
  run(task: () => Promise<void>): Promise<void> | undefined {
    const hasSlot = this.running < this.limits.concurrent;
    if (!hasSlot && this.queue.length >= this.limits.waiting) return undefined;
    return new Promise<void>((resolve) => {
      const start = (): void => {
        this.running += 1;
        const finished = (): void => {
          this.running -= 1;
          resolve();
          this.queue.shift()?.();
        };
        task().then(finished, finished);
      };
      if (hasSlot) start();
      else this.queue.push(start);
    });
  }
}
