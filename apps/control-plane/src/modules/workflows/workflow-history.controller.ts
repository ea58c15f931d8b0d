import { Body, Controller, Param, Query } from '@nestjs/common';
import type {
  ExportWorkflowQuery,
  ExportWorkflowResponse,
  ImportWorkflowRequest,
  ImportWorkflowResponse,
  ListWorkflowEventsResponse,
  ListWorkflowNotificationsResponse,
  ListWorkflowStreamsResponse,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { operatorOf, scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { WorkflowHistoryService } from './workflow-history.service';
import { WORKFLOW_HISTORY_ROUTES as ROUTES } from './workflow-history.routes';

type WorkflowPath = { workflowId: string };

/** A workflow's events, messages and streams; export and import. */
@Controller()
export class WorkflowHistoryController {
  constructor(private readonly history: WorkflowHistoryService) {}

  @Route(ROUTES.listWorkflowEvents)
  events(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: WorkflowPath,
  ): Promise<ListWorkflowEventsResponse> {
    return this.history.findEvents(scopeOf(ctx), workflowId);
  }

  @Route(ROUTES.listWorkflowNotifications)
  notifications(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: WorkflowPath,
  ): Promise<ListWorkflowNotificationsResponse> {
    return this.history.findNotifications(scopeOf(ctx), workflowId);
  }

  @Route(ROUTES.listWorkflowStreams)
  streams(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: WorkflowPath,
  ): Promise<ListWorkflowStreamsResponse> {
    return this.history.findStreams(scopeOf(ctx), workflowId);
  }

  @Route(ROUTES.exportWorkflow)
  export(
    @Context() ctx: RequestContext,
    @Param() { workflowId }: WorkflowPath,
    @Query() query: ExportWorkflowQuery,
  ): Promise<ExportWorkflowResponse> {
    return this.history.exportWorkflow(scopeOf(ctx), workflowId, query);
  }

  @Route(ROUTES.importWorkflow)
  import(
    @Context() ctx: RequestContext,
    @Body() body: ImportWorkflowRequest,
  ): Promise<ImportWorkflowResponse> {
    return this.history.importWorkflow(operatorOf(ctx), body);
  }
}
