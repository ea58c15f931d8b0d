import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchRedis } from '../../../test/support/redis';
import { waitUntil } from '../../../test/e2e/wait-until';
import { RedisConnections } from './redis-connections';

// Real Redis, a namespace of its own.
describe('RedisConnections (real Redis)', () => {
  let connections: RedisConnections | undefined;
  afterEach(() => connections?.close());

  it('listens again after a reconnection to every channel, even one ioredis forgot', async () => {
    connections = await RedisConnections.open(scratchRedis(), pino({ level: 'silent' }));
    const channel = connections.key('events');
    const heard: string[] = [];
    await connections.subscribe(channel, (message) => heard.push(message));
    expect(await connections.publish(channel, 'before')).toBe(1);

    // ioredis forgets the channel (as when its SUBSCRIBE's reply is lost with the link and the
    // next reconnection is refused), then the link drops and comes back.
    const subscriber = (connections as unknown as { subscriber: Redis }).subscriber;
    await subscriber.unsubscribe(channel);
    subscriber.disconnect(true);
    let receivers = 0;
    await waitUntil(
      async () => (receivers = await connections!.publish(channel, 'after')) > 0,
      10_000,
      'the channel listened to again',
    );
    expect(receivers).toBe(1);
    await waitUntil(() => heard.includes('after'), 10_000, 'the message heard');
    expect(heard[0]).toBe('before');
  });
});
