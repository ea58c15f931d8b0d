/**
 * Polls the database for ENQUEUED workflows this process may run (same application, same or
 * unset version, registered name, a queue it serves) and hands them to the engine. Enqueued,
 * recovered, resumed and forked workflows all arrive this way, so whichever process claims a
 * row first runs it; the claim itself is atomic (see sql-queues).
 *
 * Between polls it sleeps the poll interval, or less when a queue's rate limit held workflows
 * back and its window has room sooner: never a busy loop, and no start later than needed.
 *
 * Delayed starts: at most once per interval (and when a delay this process knows of ends), a
 * poll first moves the application's due DELAYED workflows to ENQUEUED, and learns when the
 * next one is due, so it wakes then. A delay set by another process is seen within one
 * interval; the hot path of a poll stays one claim per queue.
 *
 * Once stopped it claims nothing more and cannot be started again. What a claim in flight at
 * `stop()` returns is still handed over (the engine, shutting down, leaves it PENDING for
 * recovery); `stop()` resolves after that.
 */
import type { Logger } from '../logger';
import type { ClaimResult, DelayedPromotion, QueueLimits, WorkflowRecord } from './storage/storage';

const BATCH_SIZE = 50;

/** What the dequeuer does to the database. */
export interface DequeueSource {
  claim(queue: QueueLimits, limit: number): Promise<ClaimResult>;
  promoteDelayed(): Promise<DelayedPromotion>;
}

export class Dequeuer {
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (epoch ms). */
  private timerAt = Infinity;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  /** When a poll next promotes due DELAYED workflows (epoch ms); the first poll does. */
  private promoteAt = 0;

  constructor(
    private readonly queues: QueueLimits[],
    private readonly source: DequeueSource,
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

  /** Polls at `epochMs` (or sooner), promoting the DELAYED workflows due by then. */
  wakeAt(epochMs: number): void {
    this.promoteAt = Math.min(this.promoteAt, epochMs);
    if (this.state !== 'running' || this.polling !== undefined) return;
    if (epochMs < this.timerAt) this.schedule(Math.max(0, epochMs - Date.now()));
  }

  /** Stops at once (synchronously); resolves when the poll in progress, if any, has ended. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timerAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timerAt = Infinity;
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
          // A delay that ends before the next poll wakes it (wakeAt during the poll).
          this.schedule(again ? 0 : Math.min(nextMs, Math.max(0, this.promoteAt - Date.now())));
        });
    }, delayMs);
  }

  /**
   * Claims and dispatches what every queue allows; returns ms until a rate limit frees a slot
   * or a delay ends.
   */
  private async poll(): Promise<number> {
    let soonestSlotMs = await this.promoteDue();
    for (const queue of this.queues) {
      if (this.state !== 'running') break;
      try {
        for (;;) {
          const { records, nextSlotInMs } = await this.source.claim(queue, BATCH_SIZE);
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

  /** Promotes due DELAYED workflows if it is time to; returns ms until the next is due. */
  private async promoteDue(): Promise<number> {
    const now = Date.now();
    if (now < this.promoteAt) return this.promoteAt - now;
    this.promoteAt = now + this.intervalMs;
    try {
      const { nextDueInMs } = await this.source.promoteDelayed();
      if (nextDueInMs !== null) this.promoteAt = Math.min(this.promoteAt, now + nextDueInMs);
    } catch (error) {
      this.logger.error({ err: String(error) }, 'promoting delayed workflows failed');
    }
    return this.promoteAt - now;
  }
}
