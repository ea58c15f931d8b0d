import { Module } from '@nestjs/common';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ExecutorsModule } from '../executors/executors.module';
import { LastKnownIndex } from './last-known/last-known-index';
import { LastKnownRepository } from './last-known/last-known.repository';
import { LastKnownSync } from './last-known/last-known-sync';
import { WorkflowActionsController } from './workflow-actions.controller';
import { ActionOutcomes } from './action-outcomes';
import { WorkflowActionsService } from './workflow-actions.service';
import { WorkflowAuditLog } from './workflow-audit';
import { WorkflowBulkActionsService } from './workflow-bulk-actions.service';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';
import { StepAggregatesController } from './step-aggregates.controller';
import { StepAggregatesService } from './step-aggregates.service';
import { WorkflowHistoryController } from './workflow-history.controller';
import { WorkflowHistoryService } from './workflow-history.service';

@Module({
  imports: [ExecutorsModule, ApplicationRecordsModule],
  controllers: [
    WorkflowActionsController,
    WorkflowsController,
    WorkflowHistoryController,
    StepAggregatesController,
  ],
  providers: [
    WorkflowsService,
    WorkflowActionsService,
    WorkflowBulkActionsService,
    ActionOutcomes,
    WorkflowAuditLog,
    WorkflowHistoryService,
    StepAggregatesService,
    LastKnownRepository,
    LastKnownIndex,
    LastKnownSync,
  ],
  exports: [WorkflowsService, StepAggregatesService],
})
export class WorkflowsModule {}
