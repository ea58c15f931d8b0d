import { randomUUID } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import type { RedisConnections } from '../../infra/redis/redis-connections';
import { ThrottledWarnings } from '../../common/logging/throttled-warnings';
import type { Logger } from 'pino';
import { type SlotClaim, StreamSlots } from './stream-slots';

/** How often this replica tells Redis its streams are still open. */
export const SLOT_REFRESH_MS = 15_000;

/**
 * A slot not refreshed for this long is free again: its replica died without giving it back.
 * Three refreshes may be missed first.
 */
export const SLOT_TTL_MS = 4 * SLOT_REFRESH_MS;

/**
 * KEYS: the caller's set. ARGV: now, ttl, max, slot. Slots are members of a sorted set scored
 * by when they expire; the expired ones go first, then the slot is taken if there is room.
 * Returns -1 when taken, else how many the caller holds.
 */
const TAKE = `
local now, ttl, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZCARD', KEYS[1])
if held >= max then return held end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl)
return -1
`;

/**
 * The slots of every replica in Redis: one sorted set per caller, a member per open stream,
 * scored by when it expires. The replica holding a stream pushes its expiry back every
 * SLOT_REFRESH_MS and removes it when the stream ends; one that dies leaves it to expire.
 * Times are the replica's clock (milliseconds), so the replicas' clocks must agree to well
 * within SLOT_TTL_MS - SLOT_REFRESH_MS (45 s; NTP keeps them within milliseconds): one further
 * ahead would expire the others' slots early, letting a caller past the cap for a while.
 */
export class RedisStreamSlots extends StreamSlots implements OnModuleDestroy {
  /** Slots held here: member → caller's key. */
  private readonly mine = new Map<string, string>();
  private readonly warnings: ThrottledWarnings;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisConnections,
    logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.warnings = new ThrottledWarnings(logger);
    this.timer = setInterval(() => void this.refresh(), SLOT_REFRESH_MS);
    this.timer.unref();
  }

  async take(caller: string, max: number): Promise<SlotClaim> {
    const key = this.redis.key('live-streams', caller);
    const member = randomUUID();
    const outcome = Number(
      await this.redis.commands.eval(TAKE, 1, key, this.now(), SLOT_TTL_MS, max, member),
    );
    if (outcome >= 0) return { held: outcome };
    this.mine.set(member, key);
    return { slot: { release: () => this.release(member) } };
  }

  /** Pushes back the expiry of every slot held here (a member lost with its key is re-added). */
  async refresh(): Promise<void> {
    if (this.mine.size === 0) return;
    const expiresAt = this.now() + SLOT_TTL_MS;
    const pipeline = this.redis.commands.pipeline();
    for (const [member, key] of this.mine) {
      pipeline.zadd(key, expiresAt, member).pexpire(key, SLOT_TTL_MS);
    }
    await pipeline
      .exec()
      .catch((error: unknown) => this.warnings.warn('could not refresh live-stream slots', error));
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  private release(member: string) {
    const key = this.mine.get(member);
    if (!key) return;
    this.mine.delete(member);
    this.redis.commands
      .zrem(key, member)
      .catch((error: unknown) =>
        this.warnings.warn('could not give back a live-stream slot (it expires)', error),
      );
  }
}
