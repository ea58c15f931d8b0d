/**
 * Polls the database for ENQUEUED workflows this process may run (same application, same or
 * unset version, registered name, a queue it serves) and hands them to the engine. Enqueued,
 * recovered, resumed and forked workflows all arrive this way, so whichever process claims a
 * row first runs it; the claim itself is atomic (see sql-queues).
 */
import type { Logger } from '../logger';
import type { QueueLimits, WorkflowRecord } from './storage/storage';

const BATCH_SIZE = 50;

export class Dequeuer {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private stopped = true;

  constructor(
    private readonly queues: QueueLimits[],
    private readonly claim: (queue: QueueLimits, limit: number) => Promise<WorkflowRecord[]>,
    private readonly dispatch: (record: WorkflowRecord) => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Polls as soon as possible (after the current poll, if one is running). */
  wake(): void {
    if (this.stopped) return;
    if (this.polling !== undefined) {
      this.pollAgain = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        if (this.stopped) return;
        const again = this.pollAgain;
        this.pollAgain = false;
        this.schedule(again ? 0 : this.intervalMs);
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    for (const queue of this.queues) {
      try {
        for (;;) {
          const claimed = await this.claim(queue, BATCH_SIZE);
          for (const record of claimed) await this.dispatch(record);
          if (claimed.length < BATCH_SIZE || this.stopped) break;
        }
      } catch (error) {
        this.logger.error({ queue: queue.name, err: String(error) }, 'dequeue poll failed');
      }
    }
  }
}
