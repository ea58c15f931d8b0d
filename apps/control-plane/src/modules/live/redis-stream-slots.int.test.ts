import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStreamSlots, slotOf } from '../../../test/support/stream-slots-spec';
import { TEST_REDIS_URL } from '../../../test/support/redis';
import { RedisConnections } from '../../infra/redis/redis-connections';
import { RedisStreamSlots, SLOT_TTL_MS } from './redis-stream-slots';

// Real Redis; each case its own namespace, so cases (and test files) never share counts.
const opened: Array<{ close(): unknown }> = [];
afterAll(async () => {
  await Promise.all(opened.map((each) => each.close()));
});

const silent = pino({ level: 'silent' });

async function redisNamespace() {
  const redis = await RedisConnections.open(
    { url: TEST_REDIS_URL, namespace: `test-${randomUUID()}` },
    silent,
  );
  opened.push(redis);
  return redis;
}

/** Slots as one replica holds them, on its own clock. */
function replicaSlots(redis: RedisConnections, now: () => number = Date.now) {
  const slots = new RedisStreamSlots(redis, silent, now);
  opened.push({ close: () => slots.onModuleDestroy() });
  return slots;
}

describeStreamSlots('RedisStreamSlots (real Redis)', async () =>
  replicaSlots(await redisNamespace()),
);

describe('RedisStreamSlots across replicas (real Redis)', () => {
  it('counts the slots of every replica in one budget', async () => {
    const redis = await redisNamespace();
    const [a, b] = [replicaSlots(redis), replicaSlots(redis)];
    const onA = slotOf(await a.take('user:1', 2));
    slotOf(await b.take('user:1', 2));
    expect(await a.take('user:1', 2)).toEqual({ held: 2 });
    expect(await b.take('user:1', 2)).toEqual({ held: 2 });
    onA.release();
    // (The release's command goes first: both share the test's one connection.)
    slotOf(await b.take('user:1', 2));
  });

  it("frees a dead replica's slots once they expire, and keeps a live one's it refreshes", async () => {
    const redis = await redisNamespace();
    let clock = Date.now();
    const now = () => clock;
    const [dead, live, other] = [
      replicaSlots(redis, now),
      replicaSlots(redis, now),
      replicaSlots(redis, now),
    ];
    slotOf(await dead.take('user:1', 2));
    slotOf(await live.take('user:1', 2));
    clock += SLOT_TTL_MS - 1;
    await live.refresh();
    expect(await other.take('user:1', 2)).toEqual({ held: 2 });
    // The dead replica never refreshed: its slot is free; the live one's still held.
    clock += 2;
    slotOf(await other.take('user:1', 2));
    expect(await other.take('user:1', 2)).toEqual({ held: 2 });
  });
});
