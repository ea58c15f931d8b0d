import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, type Config } from './config/config';
import { LOGGER } from './common/logging/logging.tokens';
import { RequestLoggerMiddleware } from './common/logging/request-logger.middleware';
import { DatabaseModule } from './infra/database/database.module';
import { HealthModule } from './modules/health/health.module';

@Module({})
export class AppModule implements NestModule {
  /** The whole control plane, built from explicit config (tests pass literals). */
  static register(config: Config, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [CONFIG, LOGGER],
      imports: [DatabaseModule, HealthModule],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
