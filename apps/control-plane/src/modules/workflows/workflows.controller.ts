import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  GetWorkflowQuery,
  GetWorkflowResponse,
  ListWorkflowStepsQuery,
  ListWorkflowsQuery,
  SearchWorkflowsRequest,
  WorkflowAggregatesRequest,
  WorkflowAggregatesResponse,
  Paginated,
  WorkflowStep,
  WorkflowsPage,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { WorkflowsService } from './workflows.service';
import { WORKFLOW_ROUTES as ROUTES } from './workflows.routes';

/** Workflow reads. */
@Controller()
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Route(ROUTES.listWorkflows)
  list(@Context() ctx: RequestContext, @Query() query: ListWorkflowsQuery): Promise<WorkflowsPage> {
    return this.workflows.findWorkflows(scopeOf(ctx), query);
  }

  @Route(ROUTES.searchWorkflows)
  search(
    @Context() ctx: RequestContext,
    @Body() body: SearchWorkflowsRequest,
  ): Promise<WorkflowsPage> {
    return this.workflows.searchWorkflows(scopeOf(ctx), body);
  }

  @Route(ROUTES.getWorkflowAggregates)
  aggregates(
    @Context() ctx: RequestContext,
    @Body() body: WorkflowAggregatesRequest,
  ): Promise<WorkflowAggregatesResponse> {
    return this.workflows.findAggregates(scopeOf(ctx), body);
  }

  @Route(ROUTES.getWorkflow)
  get(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Query() query: GetWorkflowQuery,
  ): Promise<GetWorkflowResponse> {
    return this.workflows.getWorkflow(scopeOf(ctx), workflowId, query);
  }

  @Route(ROUTES.listWorkflowSteps)
  steps(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: { workflowId: string },
    @Query() query: ListWorkflowStepsQuery,
  ): Promise<Paginated<WorkflowStep>> {
    return this.workflows.findSteps(scopeOf(ctx), workflowId, query);
  }
}
