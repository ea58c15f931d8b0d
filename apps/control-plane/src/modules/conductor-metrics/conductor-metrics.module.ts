import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ExecutorsModule } from '../executors/executors.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ConductorMetricsController } from './conductor-metrics.controller';
import { ConductorMetricsService, MetricsClock } from './conductor-metrics.service';
import { WorkflowMinuteSampler } from './workflow-minute-sampler';

/** DBOS Conductor's `GET /v1/metrics`, computed from the executors' aggregates. */
@Module({
  imports: [ApiKeysModule, ApplicationRecordsModule, ExecutorsModule, WorkflowsModule],
  controllers: [ConductorMetricsController],
  providers: [ConductorMetricsService, WorkflowMinuteSampler, MetricsClock],
})
export class ConductorMetricsModule {}
