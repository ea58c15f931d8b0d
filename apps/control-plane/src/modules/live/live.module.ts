import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import type { RedisConnections } from '../../infra/redis/redis-connections';
import { REDIS } from '../../infra/redis/redis.tokens';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ExecutorsModule } from '../executors/executors.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SessionsModule } from '../sessions/sessions.module';
import { LiveAccessWatch } from './live-access-watch';
import { LiveController } from './live.controller';
import { LiveStreams } from './live-streams';
import { LiveService } from './live.service';
import { RedisStreamSlots } from './redis-stream-slots';
import { InMemoryStreamSlots, StreamSlots } from './stream-slots';

@Module({
  imports: [
    ExecutorsModule,
    ApiKeysModule,
    ApplicationRecordsModule,
    OrganizationsModule,
    SessionsModule,
  ],
  controllers: [LiveController],
  providers: [
    LiveService,
    LiveStreams,
    LiveAccessWatch,
    {
      // One budget per caller for all replicas.
      provide: StreamSlots,
      inject: [REDIS, LOGGER],
      useFactory: (redis: RedisConnections | null, logger: Logger): StreamSlots =>
        redis ? new RedisStreamSlots(redis, logger) : new InMemoryStreamSlots(),
    },
  ],
})
export class LiveModule {}
