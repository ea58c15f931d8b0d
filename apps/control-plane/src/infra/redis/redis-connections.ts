import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisTarget } from '../../config/config';
import { describeFailure } from '../../common/health/dependency-probe';
import { LogThrottle, suppressedField } from '../../common/logging/log-throttle';

/** How long the first connection may take before boot gives up. */
const CONNECT_TIMEOUT_MS = 5_000;

const OPTIONS: RedisOptions = {
  lazyConnect: true,
  connectTimeout: CONNECT_TIMEOUT_MS,
  // A command waits through one reconnection at most: callers (commands, sign-ins) have their
  // own deadlines, and a queue that grows while Redis is away helps nobody.
  maxRetriesPerRequest: 1,
  // Reconnect for ever, at most a second apart (subscriptions: see RedisConnections).
  retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
};

/** Who is listening to what on the subscriber connection. */
type MessageHandler = (message: string) => void;

/**
 * A replica's two Redis connections: one for commands (publish, keys, scripts) and one in
 * subscriber mode (a connection that subscribes can do nothing else). Every key and channel
 * is under the deployment's namespace (`key()`).
 *
 * Pub/sub delivers at most once: what is published while a subscriber is reconnecting is lost
 * to it. Callers that cannot afford a loss keep a backstop (timeouts, periodic re-reads).
 * Every (re)connection of the subscriber subscribes again to every channel listened to here:
 * ioredis restores only those it knows were confirmed, and a link lost between its SUBSCRIBE and
 * the reply, then a refused reconnect, leaves it knowing none (nothing heard again, for good).
 */
export class RedisConnections {
  private readonly handlers = new Map<string, MessageHandler>();
  private readonly throttle = new LogThrottle();

  private constructor(
    readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly target: RedisTarget,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) =>
      this.handlers.get(channel)?.(message),
    );
    subscriber.on('ready', () => void this.resubscribe());
    for (const [role, client] of [
      ['commands', commands],
      ['subscriber', subscriber],
    ] as const) {
      client.on('error', (error: Error) => this.warn(role, 'redis connection error', error));
      client.on('reconnecting', () => this.warn(role, 'redis connection lost: reconnecting'));
    }
  }

  /** Connects both; throws a plain-words error (no credentials) when Redis does not answer. */
  static async open(target: RedisTarget, logger: Logger): Promise<RedisConnections> {
    const commands = new Redis(target.url, { ...OPTIONS, connectionName: 'podium-commands' });
    const subscriber = new Redis(target.url, { ...OPTIONS, connectionName: 'podium-events' });
    // Listening (and logging) from the first attempt: ioredis prints unheard errors itself.
    const connections = new RedisConnections(commands, subscriber, target, logger);
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
      await commands.ping();
    } catch (error) {
      await connections.close();
      throw new Error(
        `Redis did not answer at ${describeTarget(target.url)} (REDIS_URL): ${describeFailure(error)}`,
        { cause: error },
      );
    }
    return connections;
  }

  /** `<namespace>:<parts…>`: the name of a key or channel of this deployment. */
  key(...parts: string[]): string {
    return [this.target.namespace, ...parts].join(':');
  }

  /** Whether the subscriber is connected (while it is not, messages to it are lost). */
  get isSubscriberReady(): boolean {
    return this.subscriber.status === 'ready';
  }

  /** Delivers the channel's messages to `handler` (one handler per channel). */
  async subscribe(channel: string, handler: MessageHandler): Promise<void> {
    this.handlers.set(channel, handler);
    await this.subscriber.subscribe(channel);
  }

  /** Subscribes again to every channel listened to (a repeated SUBSCRIBE changes nothing). */
  private async resubscribe(): Promise<void> {
    const channels = [...this.handlers.keys()];
    if (channels.length === 0) return;
    await this.subscriber
      .subscribe(...channels)
      .catch((error: Error) => this.warn('subscriber', 'could not subscribe again', error));
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    if (this.subscriber.status === 'ready') await this.subscriber.unsubscribe(channel);
  }

  /** Publishes; resolves with how many subscribers received it (0: nobody listens). */
  publish(channel: string, message: string): Promise<number> {
    return this.commands.publish(channel, message);
  }

  /** At shutdown: nothing waits for Redis (it may be the thing that is gone). */
  close(): Promise<void> {
    this.handlers.clear();
    this.commands.disconnect();
    this.subscriber.disconnect();
    return Promise.resolve();
  }

  private warn(role: string, message: string, error?: Error) {
    const admitted = this.throttle.admit(`${role}/${message}`);
    if (!admitted) return;
    this.logger.warn(
      { connection: role, ...(error && { err: error.message }), ...suppressedField(admitted) },
      message,
    );
  }
}

/** Host and port only: a Redis URL may carry a password. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host || 'the configured address';
  } catch {
    return 'the configured address';
  }
}
