import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { MessageType, RequestFieldsOf } from '@podium/protocol';
import type { Logger } from 'pino';
import { ThrottledWarnings } from '../../../../common/logging/throttled-warnings';
import { LOGGER } from '../../../../common/logging/logging.tokens';
import type { RedisConnections } from '../../../../infra/redis/redis-connections';
import { REDIS } from '../../../../infra/redis/redis.tokens';
import { SpillingPublisher } from '../../../../infra/redis/spilling-publisher';
import { ReplicaIdentity } from '../../../../infra/replica/replica-identity';
import { ExecutorRegistry } from '../../executor-registry';
import { ExecutorRequestError } from '../../links/executor-request-error';
import {
  commandChannel,
  type RemoteCommandReply,
  type RemoteCommandRequest,
  replyChannel,
} from './remote-command-wire';

/** A spilled reply waits this long for its requester (which reads it at once). */
const REPLY_TTL_MS = 30_000;

/**
 * The owner's half of a routed command (RemoteCommandClient is the requester's): runs it on
 * the executor's link held here and replies with what the link said, `delivered` included.
 * Listens from module init, before this replica's lease makes it known, until it stops.
 * A command whose requester already gave up is dropped unsent (it has been told "unknown").
 */
@Injectable()
export class RemoteCommandServer implements OnModuleInit, OnModuleDestroy {
  private readonly publisher: SpillingPublisher | null;
  private readonly commands: string | null;
  private readonly warnings: ThrottledWarnings;

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnections | null,
    replica: ReplicaIdentity,
    private readonly registry: ExecutorRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.warnings = new ThrottledWarnings(logger);
    this.publisher = redis ? new SpillingPublisher(redis) : null;
    this.commands = redis ? commandChannel((...p) => redis.key(...p), replica.id) : null;
  }

  async onModuleInit() {
    if (this.redis && this.commands) {
      await this.redis.subscribe(this.commands, (message) => void this.serve(message));
    }
  }

  async onModuleDestroy() {
    if (this.redis && this.commands) await this.redis.unsubscribe(this.commands);
  }

  private async serve(message: string) {
    const { redis, publisher } = this;
    if (!redis || !publisher) return;
    let request: RemoteCommandRequest;
    try {
      const text = await publisher.read(message);
      if (!text) return this.warnings.warn('a spilled command expired before it was read');
      request = JSON.parse(text) as RemoteCommandRequest;
    } catch (error) {
      return this.warnings.warn('unreadable command from another replica', error);
    }
    if (Date.now() > request.expiresAt) {
      this.logger.debug({ type: request.type, id: request.id }, 'routed command expired: dropped');
      return;
    }
    const reply = await this.run(request);
    const channel = replyChannel((...p) => redis.key(...p), request.replyTo);
    await publisher
      .publish(channel, JSON.stringify(reply), REPLY_TTL_MS)
      .catch((error: unknown) => this.warnings.warn('could not reply to a routed command', error));
  }

  private async run(request: RemoteCommandRequest): Promise<RemoteCommandReply> {
    const { id, applicationId, executorId, type, timeoutMs } = request;
    const executor = this.registry.findOpen(applicationId, executorId);
    if (!executor) {
      return failed(id, 'EXECUTOR_DISCONNECTED', 'the executor has no open link here', false);
    }
    try {
      const fields = request.fields as RequestFieldsOf<MessageType> | undefined;
      const response = await executor.link.request(type, fields, timeoutMs);
      return { id, outcome: 'answered', response };
    } catch (error) {
      if (error instanceof ExecutorRequestError) {
        return failed(id, error.code, error.message, error.delivered);
      }
      // Encoding is checked by the requester first; anything else here is unexpected.
      this.warnings.warn('a routed command failed before reaching the executor', error);
      return failed(id, 'EXECUTOR_DISCONNECTED', String(error), false);
    }
  }
}

function failed(
  id: string,
  code: ExecutorRequestError['code'],
  message: string,
  delivered: boolean,
): RemoteCommandReply {
  return { id, outcome: 'failed', code, message, delivered };
}
