import { randomUUID } from 'node:crypto';
import type { RedisConnections } from './redis-connections';

/**
 * Messages over Redis pub/sub, whatever their size. Redis disconnects a subscriber whose
 * pending output passes 32 MiB (`client-output-buffer-limit pubsub`), so a message over
 * {@link SPILL_THRESHOLD_CHARS} is parked under a key with a short TTL and only its name is
 * published; the receiver takes it (GETDEL: read once). A spilled message nobody received
 * is deleted at once.
 */
export const SPILL_THRESHOLD_CHARS = 256 * 1024;

/** Marks a published message that names a parked one (JSON never starts with it). */
const SPILLED = '\u0001';

export class SpillingPublisher {
  constructor(
    private readonly redis: RedisConnections,
    private readonly thresholdChars = SPILL_THRESHOLD_CHARS,
  ) {}

  /** Publishes `text` on `channel`; resolves with how many subscribers received it. */
  async publish(channel: string, text: string, ttlMs: number): Promise<number> {
    if (text.length <= this.thresholdChars) return this.redis.publish(channel, text);
    const key = this.redis.key('spilled', randomUUID());
    await this.redis.commands.set(key, text, 'PX', Math.max(1, Math.ceil(ttlMs)));
    const receivers = await this.redis.publish(channel, `${SPILLED}${key}`);
    if (receivers === 0) await this.redis.commands.del(key);
    return receivers;
  }

  /** The text of a received message; null when it was parked and is gone (expired or taken). */
  async read(message: string): Promise<string | null> {
    if (!message.startsWith(SPILLED)) return message;
    return this.redis.commands.getdel(message.slice(SPILLED.length));
  }
}
