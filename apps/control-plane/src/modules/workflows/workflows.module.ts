import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { WorkflowActionsController } from './workflow-actions.controller';
import { ActionOutcomes } from './action-outcomes';
import { WorkflowActionsService } from './workflow-actions.service';
import { WorkflowAuditLog } from './workflow-audit';
import { WorkflowBulkActionsService } from './workflow-bulk-actions.service';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Module({
  imports: [ExecutorsModule],
  controllers: [WorkflowActionsController, WorkflowsController],
  providers: [
    WorkflowsService,
    WorkflowActionsService,
    WorkflowBulkActionsService,
    ActionOutcomes,
    WorkflowAuditLog,
  ],
  exports: [WorkflowsService],
})
export class WorkflowsModule {}
