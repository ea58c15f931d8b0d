import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type Config } from '../../../config/config';
import { ReplicaIdentity } from '../../../infra/replica/replica-identity';
import { ExecutorsRepository } from '../executors.repository';
import { ExecutorLinksService } from './executor-links.service';

/** How long a full application's refusals are answered without reading the database again. */
const FULL_VERDICT_MS = 1_000;

interface Waiting {
  readonly open: () => void;
  readonly settle: (admitted: boolean) => void;
  readonly fail: (error: unknown) => void;
}

interface Queue {
  readonly organizationId: string;
  readonly waiting: Waiting[];
}

/**
 * The most links an application may hold (PODIUM_EXECUTOR_MAX_LINKS_PER_APP), so one runaway
 * deploy or leaked key cannot exhaust the control plane for every tenant. An upgrade is counted
 * against the application's open links on this replica and its executors recorded CONNECTED by
 * the other live replicas. Upgrades of one application are decided in turn on a replica, each
 * batch of waiting ones on one read, so a replica never passes the limit itself; upgrades racing
 * on other replicas, or still in their handshake there, can pass it together. A half-open link
 * counts until pings cut it (40–60 s).
 */
@Injectable()
export class ExecutorLinkQuota {
  private readonly queues = new Map<string, Queue>();
  /** Applications found full, until when (executors refused retry every second). */
  private readonly fullUntil = new Map<string, number>();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly executors: ExecutorsRepository,
    private readonly links: ExecutorLinksService,
    private readonly replica: ReplicaIdentity,
  ) {}

  /**
   * Calls `open` when the application has room for one more link and resolves true, or resolves
   * false. `open` must make the link count synchronously (attach it to ExecutorLinksService).
   */
  admit(organizationId: string, applicationId: string, open: () => void): Promise<boolean> {
    if (this.config.executors.maxLinksPerApp === 0) {
      open();
      return Promise.resolve(true);
    }
    const fullUntil = this.fullUntil.get(applicationId);
    if (fullUntil !== undefined) {
      if (Date.now() < fullUntil) return Promise.resolve(false);
      this.fullUntil.delete(applicationId);
    }
    return new Promise<boolean>((settle, fail) => {
      const queue = this.queues.get(applicationId);
      if (queue) return void queue.waiting.push({ open, settle, fail });
      const started: Queue = { organizationId, waiting: [{ open, settle, fail }] };
      this.queues.set(applicationId, started);
      void this.drain(applicationId, started);
    });
  }

  /** Decides the application's waiting upgrades, a batch per read, until none is left. */
  private async drain(applicationId: string, queue: Queue): Promise<void> {
    while (queue.waiting.length > 0) {
      let room: number;
      try {
        const elsewhere = await this.executors.countConnectedElsewhere(
          queue.organizationId,
          applicationId,
          this.replica.id,
        );
        room =
          this.config.executors.maxLinksPerApp - elsewhere - this.links.openLinks(applicationId);
      } catch (error) {
        for (const waiting of queue.waiting.splice(0)) waiting.fail(error);
        break;
      }
      const batch = queue.waiting.splice(0);
      for (const [i, waiting] of batch.entries()) {
        if (i >= room) {
          waiting.settle(false);
          continue;
        }
        try {
          waiting.open();
          waiting.settle(true);
        } catch (error) {
          waiting.fail(error);
        }
      }
      if (batch.length > room) this.fullUntil.set(applicationId, Date.now() + FULL_VERDICT_MS);
    }
    this.queues.delete(applicationId);
    this.forgetPastVerdicts();
  }

  /** Drops the verdicts that ran out (applications that stopped retrying, or were deleted). */
  private forgetPastVerdicts(): void {
    const now = Date.now();
    for (const [applicationId, until] of this.fullUntil) {
      if (until <= now) this.fullUntil.delete(applicationId);
    }
  }
}
