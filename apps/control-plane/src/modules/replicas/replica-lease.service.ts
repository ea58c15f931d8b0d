import type { Server } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { ReplicaIdentity } from '../../infra/replica/replica-identity';
import { ExecutorsService } from '../executors/executors.service';
import { ReplicasRepository } from './replicas.repository';

/**
 * This replica's row in `replicas` and its lease: inserted before anything can link to it,
 * renewed every third of `replica.leaseSeconds` (two renewals may fail before the others take
 * it for dead), deleted on a clean stop once its links are closed and recorded. A process that
 * dies keeps its row until its lease passes: then it is dead to the others. One that lives but
 * cannot renew (PostgreSQL out of its reach) lets its links go once its lease has passed, since
 * the others may adopt its executors and recover their work: they redial a replica that holds one.
 */
@Injectable()
export class ReplicaLeaseService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private timer?: NodeJS.Timeout;
  private address: string | null = null;
  private renewing?: Promise<void>;
  /** Whether a renewal has held the lease yet: a row missing after that was taken from us. */
  private held = false;
  /** When the others take this replica for dead, by this clock: the last renewal's start + lease. */
  private heldUntil = 0;
  /** Whether the links were let go since the lease lapsed (once per lapse). */
  private lapsed = false;

  constructor(
    private readonly replicas: ReplicasRepository,
    private readonly replica: ReplicaIdentity,
    private readonly executors: ExecutorsService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // Before links (whose records name this row) and before the server listens. A database
  // that is down does not stop the start (readiness says so); the next renewal inserts it.
  async onModuleInit() {
    await this.renewQuietly();
    this.logger.info({ replicaId: this.replica.id }, 'replica started');
  }

  onApplicationBootstrap() {
    const periodMs = (this.config.replica.leaseSeconds * 1000) / 3;
    this.timer = setInterval(() => void this.renewQuietly(), periodMs);
    this.timer.unref();
  }

  /** Closes this replica's links (recorded DISCONNECTED: no recovery), then gives up the row. */
  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    await this.renewing;
    await this.executors.closeAllLinks();
    try {
      await this.replicas.delete(this.replica.id);
      this.logger.info({ replicaId: this.replica.id }, 'replica lease released');
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'could not release the replica lease');
    }
  }

  private async renew(): Promise<void> {
    const { id, startedAt } = this.replica;
    const sentAt = Date.now();
    const outcome = await this.replicas.renewLease(
      { id, startedAt, address: this.listeningAddress() },
      this.config.replica.leaseSeconds,
    );
    if (outcome === 'inserted' && this.held) {
      // We stalled past the lease and another replica adopted our executors: their rows say
      // DISCONNECTED while their links are open here. Closing the links has them redial (to
      // any replica) within their grace period, so their rows say CONNECTED again.
      this.logger.warn(
        { replicaId: id },
        'replica lease lost (its executors were adopted): closing links so they reconnect',
      );
      await this.executors.closeAllLinks();
    }
    this.held = true;
    this.lapsed = false;
    this.heldUntil = sentAt + this.config.replica.leaseSeconds * 1000;
  }

  private async renewQuietly() {
    this.renewing = this.renew().catch(async (error: unknown) => {
      this.logger.warn({ err: String(error) }, 'replica lease not renewed: retrying');
      await this.letGoIfLapsed();
    });
    await this.renewing;
  }

  private async letGoIfLapsed() {
    if (!this.held || this.lapsed || Date.now() < this.heldUntil) return;
    this.lapsed = true;
    this.logger.warn(
      { replicaId: this.replica.id },
      'replica lease lapsed unrenewed: closing links so they reconnect to a replica that holds one',
    );
    await this.executors.closeAllLinks();
  }

  /** host:port once the server listens (null before: the first renewal comes earlier). */
  private listeningAddress(): string | null {
    if (this.address) return this.address;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    const address = server?.address();
    if (!address || typeof address === 'string') return null;
    this.address = `${address.address}:${address.port}`;
    return this.address;
  }
}
