import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  GetWorkflowQuerySchema,
  ListWorkflowStepsQuerySchema,
  ListWorkflowsQuerySchema,
  SearchWorkflowsRequestSchema,
  type GetWorkflowQuery,
  type GetWorkflowResponse,
  type ListWorkflowStepsQuery,
  type ListWorkflowStepsResponse,
  type ListWorkflowsQuery,
  type ListWorkflowsResponse,
  type SearchWorkflowsRequest,
} from '@podium/protocol';
import { Context, RequireAccess } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { validate } from '../../common/validation/zod-validation.pipe';
import { WorkflowsService } from './workflows.service';

/** Workflow reads (route table: workflows.routes.ts). */
@Controller('v2/orgs/:org/apps/:app/workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get()
  @RequireAccess('read')
  list(
    @Context() ctx: RequestContext,
    @Query(validate(ListWorkflowsQuerySchema)) query: ListWorkflowsQuery,
  ): Promise<ListWorkflowsResponse> {
    return this.workflows.findWorkflows(scopeOf(ctx), query);
  }

  @Post('search')
  @HttpCode(200)
  @RequireAccess('read')
  search(
    @Context() ctx: RequestContext,
    @Body(validate(SearchWorkflowsRequestSchema)) body: SearchWorkflowsRequest,
  ): Promise<ListWorkflowsResponse> {
    return this.workflows.searchWorkflows(scopeOf(ctx), body);
  }

  @Get(':workflowId')
  @RequireAccess('read')
  get(
    @Context() ctx: RequestContext,
    @Param('workflowId') workflowId: string,
    @Query(validate(GetWorkflowQuerySchema)) query: GetWorkflowQuery,
  ): Promise<GetWorkflowResponse> {
    return this.workflows.getWorkflow(scopeOf(ctx), workflowId, query);
  }

  @Get(':workflowId/steps')
  @RequireAccess('read')
  steps(
    @Context() ctx: RequestContext,
    @Param('workflowId') workflowId: string,
    @Query(validate(ListWorkflowStepsQuerySchema)) query: ListWorkflowStepsQuery,
  ): Promise<ListWorkflowStepsResponse> {
    return this.workflows.findSteps(scopeOf(ctx), workflowId, query);
  }
}
