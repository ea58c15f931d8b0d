import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { FleetModule } from '../fleet/fleet.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { AutoscalingController } from './autoscaling.controller';
import { AutoscalingRepository } from './autoscaling.repository';
import { AutoscalingService } from './autoscaling.service';

/** Queue-based autoscaling policies and recommendations (REST). */
@Module({
  imports: [ExecutorsModule, FleetModule, WorkflowsModule],
  controllers: [AutoscalingController],
  providers: [AutoscalingService, AutoscalingRepository],
})
export class AutoscalingModule {}
