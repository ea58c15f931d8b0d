import type { Logger } from 'pino';
import type { ReplicaRole } from './replica-role';

/**
 * A periodic job of the deployment's coordinator (ReplicaRole: one replica at a time): every
 * `periodMs`, while this replica coordinates, one pass; passes never overlap (a call during one
 * joins it), and a failed pass is logged and left to the next. After `stop` no timer fires and
 * `stopped` tells a pass under way to end early.
 */
export class CoordinatorSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private halted = false;

  constructor(
    private readonly role: ReplicaRole,
    private readonly logger: Logger,
    /** What a pass does, for the failure's log line ("retention round"). */
    private readonly job: string,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  every(periodMs: number, pass: () => Promise<void>): void {
    this.timer = setInterval(() => {
      if (this.role.isCoordinator) void this.run(pass);
    }, periodMs);
    this.timer.unref();
  }

  /** Runs `pass` now, or joins the pass under way. */
  run(pass: () => Promise<void>): Promise<void> {
    this.running ??= pass()
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error) }, `${this.job} failed: retrying at the next`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  stop(): void {
    this.halted = true;
    clearInterval(this.timer);
  }
}
