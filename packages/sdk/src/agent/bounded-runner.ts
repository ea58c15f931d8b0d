export interface RunnerLimits {
  concurrent: number;
  waiting: number;
}

/** What a waiting task says of itself. */
export interface WaitingTask {
  /** False once nobody awaits the task any more: it is dropped unrun. */
  wanted(): boolean;
  /** Runs instead of a task dropped unrun. */
  dropped(): void;
}

interface Waiting {
  readonly start: () => void;
  readonly wanted: () => boolean;
  readonly drop: () => void;
}

/**
 * Runs at most `concurrent` tasks at once and holds at most `waiting` more, started in arrival
 * order as slots free. A waiting task no longer wanted is dropped unrun when its turn comes, or
 * as soon as the queue is full, so stale tasks never take a newer one's place. The conductor
 * agent's requests go through one, so a burst from the control plane cannot take every
 * connection of the app's pool from its workflows. A task or callback that throws counts as
 * finished (or unwanted): it never holds a slot or stalls the queue.
 */
export class BoundedRunner {
  private running = 0;
  private queue: Waiting[] = [];

  constructor(private readonly limits: RunnerLimits) {}

  /** Tasks started and not finished, and tasks waiting for a slot. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  /**
   * Starts `task` now or once a slot frees if it is still wanted then (else `dropped` runs).
   * Resolves when either has finished; undefined, and nothing queued, when every slot is taken
   * and the queue is full of wanted tasks.
   */
  run(task: () => Promise<void>, waiting: WaitingTask): Promise<void> | undefined {
    const hasSlot = this.running < this.limits.concurrent;
    if (!hasSlot && this.queue.length >= this.limits.waiting) this.dropUnwanted();
    if (!hasSlot && this.queue.length >= this.limits.waiting) return undefined;
    return new Promise<void>((resolve) => {
      const start = (): void => {
        this.running += 1;
        const finished = (): void => {
          this.running -= 1;
          resolve();
          this.startNext();
        };
        try {
          task().then(finished, finished);
        } catch {
          finished();
        }
      };
      const drop = (): void => {
        try {
          waiting.dropped();
        } catch {
          // Dropped either way.
        }
        resolve();
      };
      const wanted = (): boolean => {
        try {
          return waiting.wanted();
        } catch {
          return false;
        }
      };
      if (hasSlot) start();
      else this.queue.push({ start, wanted, drop });
    });
  }

  private startNext(): void {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (next.wanted()) return next.start();
      next.drop();
    }
  }

  private dropUnwanted(): void {
    const kept: Waiting[] = [];
    for (const waiting of this.queue) {
      if (waiting.wanted()) kept.push(waiting);
      else waiting.drop();
    }
    this.queue = kept;
  }
}
