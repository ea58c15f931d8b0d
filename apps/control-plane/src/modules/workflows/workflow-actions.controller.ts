import { Body, Controller, Param, Query, Req, Res } from '@nestjs/common';
import type {
  BulkCancelWorkflowsRequest,
  BulkDeleteWorkflowsRequest,
  BulkForkFromFailureRequest,
  BulkForkFromFailureResponse,
  BulkResumeWorkflowsRequest,
  BulkWorkflowsResponse,
  CancelWorkflowRequest,
  DeleteWorkflowQuery,
  ForkWorkflowRequest,
  ForkWorkflowResponse,
  RestartWorkflowRequest,
  RestartWorkflowResponse,
  ResumeWorkflowRequest,
  RewindWorkflowRequest,
  WorkflowActionResult,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { operatorOf } from '../../common/auth/app-scope';
import { forwardedPrefixOf } from '../../common/http/forwarded-prefix';
import type { HttpReply, HttpRequest } from '../../common/http/http';
import { Route } from '../../common/routes/route.decorator';
import { WorkflowActionsService } from './workflow-actions.service';
import { WorkflowBulkActionsService } from './workflow-bulk-actions.service';
import { WORKFLOW_ROUTES as ROUTES } from './workflows.routes';

/** Operator actions on workflows, all audited. */
@Controller()
export class WorkflowActionsController {
  constructor(
    private readonly actions: WorkflowActionsService,
    private readonly bulk: WorkflowBulkActionsService,
  ) {}

  @Route(ROUTES.bulkCancelWorkflows)
  bulkCancel(
    @Context() ctx: RequestContext,
    @Body() body: BulkCancelWorkflowsRequest,
  ): Promise<BulkWorkflowsResponse> {
    return this.bulk.bulkCancel(operatorOf(ctx), body);
  }

  @Route(ROUTES.bulkResumeWorkflows)
  bulkResume(
    @Context() ctx: RequestContext,
    @Body() body: BulkResumeWorkflowsRequest,
  ): Promise<BulkWorkflowsResponse> {
    return this.bulk.bulkResume(operatorOf(ctx), body);
  }

  @Route(ROUTES.bulkDeleteWorkflows)
  bulkDelete(
    @Context() ctx: RequestContext,
    @Body() body: BulkDeleteWorkflowsRequest,
  ): Promise<BulkWorkflowsResponse> {
    return this.bulk.bulkDelete(operatorOf(ctx), body);
  }

  @Route(ROUTES.bulkForkWorkflowsFromFailure)
  bulkForkFromFailure(
    @Context() ctx: RequestContext,
    @Body() body: BulkForkFromFailureRequest,
  ): Promise<BulkForkFromFailureResponse> {
    return this.bulk.bulkForkFromFailure(operatorOf(ctx), body);
  }

  @Route(ROUTES.cancelWorkflow)
  cancel(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Body() body: CancelWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    return this.actions.cancelWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Route(ROUTES.resumeWorkflow)
  resume(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Body() body: ResumeWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    return this.actions.resumeWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Route(ROUTES.forkWorkflow)
  async fork(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Body() body: ForkWorkflowRequest,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<ForkWorkflowResponse> {
    const forked = await this.actions.forkWorkflow(operatorOf(ctx), workflowId, body);
    // DBOS's 201 names the new workflow: this path with `{workflowId}/fork` replaced by it.
    const workflows = (req.url.split('?')[0] ?? '').replace(/\/[^/]+\/fork$/, '');
    const location = `${forwardedPrefixOf(req)}${workflows}/${encodeURIComponent(forked.workflowId)}`;
    res.header('Location', location);
    return forked;
  }

  @Route(ROUTES.restartWorkflow)
  restart(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Body() body: RestartWorkflowRequest,
  ): Promise<RestartWorkflowResponse> {
    return this.actions.restartWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Route(ROUTES.rewindWorkflow)
  rewind(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Body() body: RewindWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    return this.actions.rewindWorkflow(operatorOf(ctx), workflowId, body);
  }

  @Route(ROUTES.deleteWorkflow)
  delete(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Query() query: DeleteWorkflowQuery,
  ): Promise<WorkflowActionResult> {
    return this.actions.deleteWorkflow(operatorOf(ctx), workflowId, query);
  }
}
