import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ExecutorsModule } from '../executors/executors.module';
import { AppMetricsCollector } from './app-metrics-collector';
import { AppMetricsController } from './app-metrics.controller';
import { AppMetricsRepository } from './app-metrics.repository';
import { AppMetricsService } from './app-metrics.service';

/** The per-application metrics history (REST) and its collection from executors. */
@Module({
  imports: [AlertsModule, ExecutorsModule],
  controllers: [AppMetricsController],
  providers: [AppMetricsCollector, AppMetricsRepository, AppMetricsService],
})
export class AppMetricsModule {}
