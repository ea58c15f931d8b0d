import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  BulkCancelWorkflowsRequestSchema,
  BulkDeleteWorkflowsRequestSchema,
  BulkForkFromFailureRequestSchema,
  BulkResumeWorkflowsRequestSchema,
  CancelWorkflowRequestSchema,
  DeleteWorkflowQuerySchema,
  ForkWorkflowRequestSchema,
  ResumeWorkflowRequestSchema,
  type BulkCancelWorkflowsRequest,
  type BulkDeleteWorkflowsRequest,
  type BulkForkFromFailureRequest,
  type BulkForkFromFailureResponse,
  type BulkResumeWorkflowsRequest,
  type BulkWorkflowsResponse,
  type CancelWorkflowRequest,
  type DeleteWorkflowQuery,
  type ForkWorkflowRequest,
  type ForkWorkflowResponse,
  type ResumeWorkflowRequest,
  type WorkflowActionResult,
} from '@podium/protocol';
import { AuditAs, Context, RequireAccess } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { operatorOf } from '../../common/auth/app-scope';
import { validate, validateOptionalBody } from '../../common/validation/zod-validation.pipe';
import { WorkflowActionsService } from './workflow-actions.service';
import { WorkflowBulkActionsService } from './workflow-bulk-actions.service';
import { WORKFLOW_ACTIONS as ACTIONS, WORKFLOW_TARGET as TARGET } from './workflow-audit';

/** Operator actions on workflows, all audited (route table: workflows.routes.ts). */
@Controller('v2/orgs/:org/apps/:app/workflows')
export class WorkflowActionsController {
  constructor(
    private readonly actions: WorkflowActionsService,
    private readonly bulk: WorkflowBulkActionsService,
  ) {}

  @Post('bulk-cancel')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.bulkCancel, TARGET)
  bulkCancel(
    @Context() ctx: RequestContext,
    @Body(validate(BulkCancelWorkflowsRequestSchema)) body: BulkCancelWorkflowsRequest,
  ): Promise<BulkWorkflowsResponse> {
    return this.bulk.bulkCancel(operatorOf(ctx), body);
  }

  @Post('bulk-resume')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.bulkResume, TARGET)
  bulkResume(
    @Context() ctx: RequestContext,
    @Body(validate(BulkResumeWorkflowsRequestSchema)) body: BulkResumeWorkflowsRequest,
  ): Promise<BulkWorkflowsResponse> {
    return this.bulk.bulkResume(operatorOf(ctx), body);
  }

  @Post('bulk-delete')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.bulkDelete, TARGET)
  bulkDelete(
    @Context() ctx: RequestContext,
    @Body(validate(BulkDeleteWorkflowsRequestSchema)) body: BulkDeleteWorkflowsRequest,
  ): Promise<BulkWorkflowsResponse> {
    return this.bulk.bulkDelete(operatorOf(ctx), body);
  }

  @Post('bulk-fork-from-failure')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.bulkForkFromFailure, TARGET)
  bulkForkFromFailure(
    @Context() ctx: RequestContext,
    @Body(validate(BulkForkFromFailureRequestSchema)) body: BulkForkFromFailureRequest,
  ): Promise<BulkForkFromFailureResponse> {
    return this.bulk.bulkForkFromFailure(operatorOf(ctx), body);
  }

  @Post(':workflowId/cancel')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.cancel, TARGET, 'workflowId')
  cancel(
    @Context() ctx: RequestContext,
    @Param('workflowId') workflowId: string,
    @Body(validateOptionalBody(CancelWorkflowRequestSchema)) body: CancelWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    return this.actions.cancelWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Post(':workflowId/resume')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.resume, TARGET, 'workflowId')
  resume(
    @Context() ctx: RequestContext,
    @Param('workflowId') workflowId: string,
    @Body(validateOptionalBody(ResumeWorkflowRequestSchema)) body: ResumeWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    return this.actions.resumeWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Post(':workflowId/fork')
  @HttpCode(200)
  @RequireAccess('operate')
  @AuditAs(ACTIONS.fork, TARGET, 'workflowId')
  fork(
    @Context() ctx: RequestContext,
    @Param('workflowId') workflowId: string,
    @Body(validate(ForkWorkflowRequestSchema)) body: ForkWorkflowRequest,
  ): Promise<ForkWorkflowResponse> {
    return this.actions.forkWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Delete(':workflowId')
  @RequireAccess('operate')
  @AuditAs(ACTIONS.delete, TARGET, 'workflowId')
  delete(
    @Context() ctx: RequestContext,
    @Param('workflowId') workflowId: string,
    @Query(validate(DeleteWorkflowQuerySchema)) query: DeleteWorkflowQuery,
  ): Promise<WorkflowActionResult> {
    return this.actions.deleteWorkflow(operatorOf(ctx), workflowId, query);
  }
}
