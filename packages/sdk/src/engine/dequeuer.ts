/**
 * Polls the database for ENQUEUED workflows this process may run (same application, same or
 * unset version, registered name, a queue it serves) and hands them to the engine. Enqueued,
 * recovered, resumed and forked workflows all arrive this way, so whichever process claims a
 * row first runs it; the claim itself is atomic (see sql-queues).
 *
 * Between polls it sleeps the poll interval, or less when a queue's rate limit held workflows
 * back and its window has room sooner: never a busy loop, and no start later than needed.
 *
 * Once stopped it claims nothing more and cannot be started again. What a claim in flight at
 * `stop()` returns is still handed over (the engine, shutting down, leaves it PENDING for
 * recovery); `stop()` resolves after that.
 */
import type { Logger } from '../logger';
import type { ClaimResult, QueueLimits, WorkflowRecord } from './storage/storage';

const BATCH_SIZE = 50;

export class Dequeuer {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(
    private readonly queues: QueueLimits[],
    private readonly claim: (queue: QueueLimits, limit: number) => Promise<ClaimResult>,
    private readonly dispatch: (record: WorkflowRecord) => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Starts polling; does nothing once stopped. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.schedule(0);
  }

  /** Polls as soon as possible (after the current poll, if one is running). */
  wake(): void {
    if (this.state !== 'running') return;
    if (this.polling !== undefined) {
      this.pollAgain = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops at once (synchronously); resolves when the poll in progress, if any, has ended. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      let nextMs = this.intervalMs;
      this.polling = this.poll()
        .then((soonestSlotMs) => {
          nextMs = Math.min(nextMs, soonestSlotMs);
        })
        .finally(() => {
          this.polling = undefined;
          if (this.state !== 'running') return;
          const again = this.pollAgain;
          this.pollAgain = false;
          this.schedule(again ? 0 : nextMs);
        });
    }, delayMs);
  }

  /** Claims and dispatches what every queue allows; returns ms until a rate limit frees a slot. */
  private async poll(): Promise<number> {
    let soonestSlotMs = Infinity;
    for (const queue of this.queues) {
      if (this.state !== 'running') break;
      try {
        for (;;) {
          const { records, nextSlotInMs } = await this.claim(queue, BATCH_SIZE);
          for (const record of records) await this.dispatch(record);
          if (nextSlotInMs !== null) soonestSlotMs = Math.min(soonestSlotMs, nextSlotInMs);
          if (records.length < BATCH_SIZE || this.state !== 'running') break;
        }
      } catch (error) {
        this.logger.error({ queue: queue.name, err: String(error) }, 'dequeue poll failed');
      }
    }
    return soonestSlotMs;
  }
}
