import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ExportWorkflowQuery,
  type ExportWorkflowResponse,
  type ImportWorkflowRequest,
  type ImportWorkflowResponse,
  type ListWorkflowEventsResponse,
  type ListWorkflowNotificationsResponse,
  type ListWorkflowStreamsResponse,
} from '@podium/protocol';
import type { AppScope, Operator } from '../../common/auth/app-scope';
import { operatorAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { assertSucceeded } from './action-outcomes';
import { canImport, importRefusal, readExportFormat } from './export-format';
import { WORKFLOW_ACTIONS } from './workflow-audit';
import {
  mapWorkflowEvent,
  mapWorkflowNotification,
  mapWorkflowStream,
} from './workflow-history.mapper';
import { WorkflowsService } from './workflows.service';

/**
 * What a workflow recorded besides its steps (events, messages, streams), and moving a
 * workflow between applications (export, import). Executors answer these for unknown ids with
 * empty lists, so reads look the workflow up first: an unknown id is a 404.
 */
@Injectable()
export class WorkflowHistoryService {
  constructor(
    private readonly proxy: ExecutorProxy,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditService,
  ) {}

  async findEvents(scope: AppScope, workflowId: string): Promise<ListWorkflowEventsResponse> {
    const answer = await this.workflows.sendToHolders(scope, workflowId, 'get_workflow_events', {
      workflow_id: workflowId,
    });
    return (answer.events ?? []).map(mapWorkflowEvent);
  }

  async findNotifications(
    scope: AppScope,
    workflowId: string,
  ): Promise<ListWorkflowNotificationsResponse> {
    const answer = await this.workflows.sendToHolders(
      scope,
      workflowId,
      'get_workflow_notifications',
      {
        workflow_id: workflowId,
      },
    );
    return (answer.notifications ?? []).map(mapWorkflowNotification);
  }

  async findStreams(scope: AppScope, workflowId: string): Promise<ListWorkflowStreamsResponse> {
    const answer = await this.workflows.sendToHolders(scope, workflowId, 'get_workflow_streams', {
      workflow_id: workflowId,
    });
    return (answer.streams ?? []).map(mapWorkflowStream);
  }

  async exportWorkflow(
    scope: AppScope,
    workflowId: string,
    query: ExportWorkflowQuery,
  ): Promise<ExportWorkflowResponse> {
    const answer = await this.workflows.sendToHolders(scope, workflowId, 'export_workflow', {
      workflow_id: workflowId,
      export_children: query.exportChildren,
    });
    // TypeScript answers null when there is nothing to export (deleted in between).
    if (!answer.serialized_workflow) {
      throw new AppError('NOT_FOUND', `No workflow "${workflowId}" in this application.`);
    }
    return { serializedWorkflow: answer.serialized_workflow };
  }

  /**
   * Sent only to executors that read the export's format (see export-format.ts): a payload
   * from another language is refused here, before any executor sees it.
   */
  async importWorkflow(op: Operator, req: ImportWorkflowRequest): Promise<ImportWorkflowResponse> {
    return this.audit.trackRemote(
      operatorAction(op, WORKFLOW_ACTIONS.import),
      async () => {
        const format = await readExportFormat(req.serializedWorkflow);
        await this.assertNoneExist(op, format.workflowIds);
        const answer = await this.proxy.send(
          op.applicationId,
          'import_workflow',
          { serialized_workflow: req.serializedWorkflow },
          {
            only: {
              accepts: (e) => canImport(format.writer, e),
              refusal: importRefusal(format.writer),
            },
          },
        );
        assertSucceeded('import_workflow', answer);
        return { workflowIds: format.workflowIds };
      },
      ({ workflowIds }) => ({ targetId: workflowIds?.[0], details: { workflowIds } }),
    );
  }

  /** An import never overwrites: executors would fail on the first duplicate row, half done. */
  private async assertNoneExist(scope: AppScope, workflowIds: string[] | null): Promise<void> {
    if (!workflowIds) return; // a pickle: only the executor can read its ids
    const existing = [...(await this.workflows.findStatuses(scope, workflowIds)).keys()];
    if (existing.length > 0) {
      throw new AppError(
        'CONFLICT',
        `This application already has workflow ${existing.map((id) => `"${id}"`).join(', ')}; delete it before importing, or import into another application.`,
      );
    }
  }
}
