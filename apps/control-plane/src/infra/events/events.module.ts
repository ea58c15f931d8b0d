import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import type { RedisConnections } from '../redis/redis-connections';
import { REDIS } from '../redis/redis.tokens';
import { ReplicaIdentity } from '../replica/replica-identity';
import { EventBus } from './event-bus';
import { EVENT_RELAY, type EventRelay } from './event-relay';
import { RedisEventRelay } from './redis-event-relay';

@Global()
@Module({
  providers: [
    {
      provide: EVENT_RELAY,
      inject: [REDIS, ReplicaIdentity, LOGGER],
      useFactory: (
        redis: RedisConnections | null,
        replica: ReplicaIdentity,
        logger: Logger,
      ): EventRelay | null => (redis ? new RedisEventRelay(redis, replica.id, logger) : null),
    },
    EventBus,
  ],
  exports: [EventBus],
})
export class EventsModule {}
