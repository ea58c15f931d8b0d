import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, type Config } from './config/config';
import { LOGGER } from './common/logging/logging.tokens';
import { DatabaseModule } from './infra/database/database.module';
import { AuthModule } from './modules/auth/auth.module';
import { EventsModule } from './infra/events/events.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { RedisModule } from './infra/redis/redis.module';
import { ReplicaIdentityModule } from './infra/replica/replica-identity.module';
import { AuditModule } from './modules/audit/audit.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { ApplicationsModule } from './modules/applications/applications.module';
import { UsersModule } from './modules/users/users.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { ExecutorsModule } from './modules/executors/executors.module';
import { HealthModule } from './modules/health/health.module';
import { WorkflowsModule } from './modules/workflows/workflows.module';
import { QueuesModule } from './modules/queues/queues.module';
import { FleetModule } from './modules/fleet/fleet.module';
import { SchedulesModule } from './modules/schedules/schedules.module';
import { AutoscalingModule } from './modules/autoscaling/autoscaling.module';
import { AppMetricsModule } from './modules/app-metrics/app-metrics.module';
import { LiveModule } from './modules/live/live.module';
import { OpenApiModule } from './modules/openapi/openapi.module';
import { ReplicasModule } from './modules/replicas/replicas.module';
import { ConductorMetricsModule } from './modules/conductor-metrics/conductor-metrics.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { TimelineModule } from './modules/timeline/timeline.module';

@Module({})
export class AppModule {
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
        MetricsModule,
        ReplicaIdentityModule,
        RedisModule,
        EventsModule,
        AuthModule,
        AuditModule,
        OrganizationsModule,
        HealthModule,
        UsersModule,
        SessionsModule,
        ApplicationsModule,
        ApiKeysModule,
        ExecutorsModule,
        ReplicasModule,
        WorkflowsModule,
        QueuesModule,
        FleetModule,
        SchedulesModule,
        AutoscalingModule,
        AppMetricsModule,
        AlertsModule,
        TimelineModule,
        LiveModule,
        ConductorMetricsModule,
        OpenApiModule,
      ],
    };
  }
}
