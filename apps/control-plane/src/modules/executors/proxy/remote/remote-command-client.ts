import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  encodeRequest,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import type { Logger } from 'pino';
import { ThrottledWarnings } from '../../../../common/logging/throttled-warnings';
import { LOGGER } from '../../../../common/logging/logging.tokens';
import type { RedisConnections } from '../../../../infra/redis/redis-connections';
import { REDIS } from '../../../../infra/redis/redis.tokens';
import { SpillingPublisher } from '../../../../infra/redis/spilling-publisher';
import { ReplicaIdentity } from '../../../../infra/replica/replica-identity';
import { ExecutorRequestError } from '../../links/executor-request-error';
import {
  commandChannel,
  type RemoteCommandReply,
  type RemoteCommandRequest,
  replyChannel,
} from './remote-command-wire';

/**
 * How much longer than the executor's own timeout a requester waits for the owning replica's
 * reply: the trip through Redis both ways, and a large answer's spilling.
 */
export const REPLY_MARGIN_MS = 2_000;

/** An executor linked to another replica. */
export interface RemoteExecutorAddress {
  readonly replicaId: string;
  readonly applicationId: string;
  readonly executorId: string;
}

interface Pending {
  readonly resolve: (response: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The requester's half of a command routed to the replica holding the executor's link
 * (RemoteCommandServer is the owner's). Fails exactly like a local link, with an
 * ExecutorRequestError whose `delivered` the proxy's failover rules read:
 * - nobody subscribed to the owner's channel (PUBLISH counted 0 receivers): not delivered,
 *   so even a mutation may go to another executor;
 * - the owner's own verdict, as its link gave it (an owner without that link: not delivered);
 * - no reply in time, or Redis failing mid-way: unknown, so delivered (a mutation is
 *   unconfirmed, never re-sent).
 */
@Injectable()
export class RemoteCommandClient implements OnModuleInit, OnModuleDestroy {
  private readonly pending = new Map<string, Pending>();
  private readonly publisher: SpillingPublisher | null;
  private readonly replies: string | null;
  private readonly warnings: ThrottledWarnings;

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnections | null,
    private readonly replica: ReplicaIdentity,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.warnings = new ThrottledWarnings(logger);
    this.publisher = redis ? new SpillingPublisher(redis) : null;
    this.replies = redis ? replyChannel((...p) => redis.key(...p), replica.id) : null;
  }

  async onModuleInit() {
    if (this.redis && this.replies) {
      await this.redis.subscribe(this.replies, (message) => void this.onReply(message));
    }
  }

  async onModuleDestroy() {
    if (this.redis && this.replies) await this.redis.unsubscribe(this.replies);
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(
        new ExecutorRequestError('EXECUTOR_DISCONNECTED', 'this control plane is stopping', true),
      );
    }
  }

  /** Sends one command to the owner of the executor's link and resolves with its answer. */
  request<K extends MessageType>(
    owner: RemoteExecutorAddress,
    type: K,
    fields: RequestFieldsOf<K> | undefined,
    timeoutMs: number,
  ): Promise<ResponseOf<K>> {
    const { redis, publisher } = this;
    if (!redis || !publisher) {
      return Promise.reject(new Error('commands to other replicas need replica mode (REDIS_URL)'));
    }
    // A command that cannot be encoded fails here, before anything leaves (ProtocolEncodeError).
    (encodeRequest as (t: K, f?: RequestFieldsOf<K>) => unknown)(type, fields);
    const id = randomUUID();
    const waitMs = timeoutMs + REPLY_MARGIN_MS;
    const request: RemoteCommandRequest = {
      id,
      replyTo: this.replica.id,
      applicationId: owner.applicationId,
      executorId: owner.executorId,
      type,
      fields,
      timeoutMs,
      expiresAt: Date.now() + waitMs,
    };
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.settle(id)?.reject(
            new ExecutorRequestError(
              'EXECUTOR_NO_ANSWER',
              `no answer to ${type} from replica ${owner.replicaId} within ${waitMs} ms`,
              true,
            ),
          ),
        waitMs,
      );
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      const channel = commandChannel((...p) => redis.key(...p), owner.replicaId);
      publisher.publish(channel, JSON.stringify(request), waitMs).then(
        (receivers) => {
          if (receivers > 0) return;
          this.settle(id)?.reject(
            new ExecutorRequestError(
              'EXECUTOR_DISCONNECTED',
              `replica ${owner.replicaId} is not listening`,
              false,
            ),
          );
        },
        (error: unknown) =>
          this.settle(id)?.reject(
            new ExecutorRequestError(
              'EXECUTOR_DISCONNECTED',
              `could not reach replica ${owner.replicaId} through Redis: ${String(error)}`,
              true,
            ),
          ),
      );
    });
  }

  private async onReply(message: string) {
    let reply: RemoteCommandReply;
    try {
      const text = await this.publisher?.read(message);
      if (!text) return this.warnings.warn('a spilled reply expired before it was read');
      reply = JSON.parse(text) as RemoteCommandReply;
    } catch (error) {
      return this.warnings.warn('unreadable reply from another replica', error);
    }
    const entry = this.settle(reply.id);
    if (!entry) return; // late: the requester gave up (and said so)
    if (reply.outcome === 'answered') entry.resolve(reply.response);
    else entry.reject(new ExecutorRequestError(reply.code, reply.message, reply.delivered));
  }

  private settle(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    return entry;
  }
}
