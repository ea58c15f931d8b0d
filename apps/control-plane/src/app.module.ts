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
import { AuthModule } from './common/auth/auth.module';
import { EventsModule } from './infra/events/events.module';
import { AuditModule } from './modules/audit/audit.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { ApplicationsModule } from './modules/applications/applications.module';
import { ExecutorsModule } from './modules/executors/executors.module';
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
      imports: [
        DatabaseModule,
        EventsModule,
        AuthModule,
        AuditModule,
        OrganizationsModule,
        HealthModule,
        ApplicationsModule,
        ApiKeysModule,
        ExecutorsModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
