import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { RedisCheck } from './redis-check';
import { RedisConnections } from './redis-connections';
import { REDIS } from './redis.tokens';

/**
 * Redis in replica mode (`REDIS_URL`): connected at boot (a replica that cannot reach it does
 * not start), closed last at shutdown. Null when this process runs alone.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [CONFIG, LOGGER],
      useFactory: async (config: Config, logger: Logger): Promise<RedisConnections | null> => {
        if (!config.redis) return null;
        const redis = await RedisConnections.open(config.redis, logger);
        logger.info({ namespace: config.redis.namespace }, 'redis connected (replica mode)');
        return redis;
      },
    },
    RedisCheck,
  ],
  exports: [REDIS, RedisCheck],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisConnections | null) {}

  async onApplicationShutdown() {
    await this.redis?.close();
  }
}
