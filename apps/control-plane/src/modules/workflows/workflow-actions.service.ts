import { Injectable } from '@nestjs/common';
import {
  AppError,
  type CancelWorkflowRequest,
  type DeleteWorkflowQuery,
  type ForkWorkflowRequest,
  type ForkWorkflowResponse,
  type ResumeWorkflowRequest,
  type WorkflowActionResult,
} from '@podium/protocol';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { ActionOutcomes, assertSucceeded, cancelOutcome } from './action-outcomes';
import type { Operator } from '../../common/auth/app-scope';
import type { AuditedAction } from '../../common/routes/route-spec';
import {
  WORKFLOW_ACTIONS,
  WorkflowAuditLog,
  auditedDone,
  failureOf,
  type AuditedWorkflow,
} from './workflow-audit';
import { WorkflowsService } from './workflows.service';

/**
 * Operator actions on one workflow. Each: confirm it exists (executors answer "success" for
 * unknown ids, so a missing workflow is a 404 here), send the command once through the proxy,
 * read the status back, and audit the outcome, success or failure. A fork onto another
 * application version prefers an executor of that version.
 */
@Injectable()
export class WorkflowActionsService {
  constructor(
    private readonly proxy: ExecutorProxy,
    private readonly workflows: WorkflowsService,
    private readonly outcomes: ActionOutcomes,
    private readonly auditLog: WorkflowAuditLog,
  ) {}

  /** Cancels; a workflow that finished first is reported (and audited) ALREADY_FINISHED. */
  cancelWorkflow(
    op: Operator,
    workflowId: string,
    req: CancelWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    const cancel = async (): Promise<WorkflowActionResult> => {
      const before = await this.workflows.getStatus(op, workflowId);
      const answer = await this.proxy.send(op.applicationId, 'cancel', {
        workflow_id: workflowId,
        cancel_children: req.cancelChildren,
      });
      assertSucceeded('cancel', answer);
      const { status } = await this.outcomes.applied(op, workflowId);
      return { workflowId, outcome: cancelOutcome(before, status), status };
    };
    return this.single(op, WORKFLOW_ACTIONS.cancel, workflowId, { ...req }, cancel, auditedDone);
  }

  resumeWorkflow(op: Operator, workflowId: string, req: ResumeWorkflowRequest) {
    return this.single(op, WORKFLOW_ACTIONS.resume, workflowId, { ...req }, async () => {
      await this.workflows.getStatus(op, workflowId);
      const answer = await this.proxy.send(op.applicationId, 'resume', {
        workflow_id: workflowId,
        queue_name: req.queueName,
      });
      assertSucceeded('resume', answer);
      return this.outcomes.applied(op, workflowId);
    });
  }

  deleteWorkflow(op: Operator, workflowId: string, query: DeleteWorkflowQuery) {
    return this.single(op, WORKFLOW_ACTIONS.delete, workflowId, { ...query }, async () => {
      await this.workflows.getStatus(op, workflowId);
      const answer = await this.proxy.send(op.applicationId, 'delete', {
        workflow_id: workflowId,
        delete_children: query.deleteChildren,
      });
      assertSucceeded('delete', answer);
      return this.outcomes.applied(op, workflowId);
    });
  }

  forkWorkflow(
    op: Operator,
    workflowId: string,
    req: ForkWorkflowRequest,
  ): Promise<ForkWorkflowResponse> {
    const details: Record<string, unknown> = { ...req };
    return this.single(op, WORKFLOW_ACTIONS.fork, workflowId, details, async () => {
      await this.workflows.getStatus(op, workflowId);
      const answer = await this.proxy.send(
        op.applicationId,
        'fork_workflow',
        {
          body: {
            workflow_id: workflowId,
            start_step: req.startStep,
            new_workflow_id: req.newWorkflowId,
            application_version: req.appVersion,
            queue_name: req.queueName,
            queue_partition_key: req.queuePartitionKey,
          },
        },
        { preferVersion: req.appVersion },
      );
      const newWorkflowId = answer.new_workflow_id;
      if (!newWorkflowId) {
        throw new AppError('EXECUTOR_ERROR', 'The executor did not report the new workflow id.');
      }
      details.newWorkflowId = newWorkflowId;
      const { status } = await this.outcomes.applied(op, newWorkflowId);
      return { workflowId, newWorkflowId, status };
    });
  }

  private async single<T>(
    op: Operator,
    action: AuditedAction,
    workflowId: string,
    details: Record<string, unknown>,
    execute: () => Promise<T>,
    audited: (result: T) => AuditedWorkflow = () => ({ workflowId, outcome: 'SUCCESS' }),
  ): Promise<T> {
    try {
      const result = await execute();
      await this.auditLog.record(op, action, [audited(result)], details);
      return result;
    } catch (error) {
      const failure = { workflowId, outcome: 'FAILURE' as const, ...failureOf(error) };
      await this.auditLog.record(op, action, [failure], details);
      throw error;
    }
  }
}
