import { Injectable } from '@nestjs/common';
import {
  AppError,
  type CancelWorkflowRequest,
  type DeleteWorkflowQuery,
  type ForkWorkflowRequest,
  type ForkWorkflowResponse,
  type RestartWorkflowRequest,
  type RestartWorkflowResponse,
  type ResumeWorkflowRequest,
  type RewindWorkflowRequest,
  type WorkflowActionResult,
} from '@podium/protocol';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { ActionOutcomes, assertSucceeded, cancelOutcome, resumeOutcome } from './action-outcomes';
import { readersOf, supportedBy } from './action-support';
import type { Operator } from '../../common/auth/app-scope';
import type { AuditedAction } from '../../common/routes/route-spec';
import {
  WORKFLOW_ACTIONS,
  WorkflowAuditLog,
  auditedDone,
  failureOf,
  type AuditedWorkflow,
} from './workflow-audit';
import { assertForkableOnto } from './holding-family';
import { WorkflowsService } from './workflows.service';

/**
 * Operator actions on one workflow. Each: find it (executors answer "success" for unknown ids,
 * so a missing workflow is a 404 here) and the SDK family whose executors hold it
 * (`WorkflowsService.getHeldWorkflow`), send the command once through the proxy to that family,
 * read the status back from it, and audit the outcome, success or failure. A fork onto another
 * application version prefers an executor of that version. Restart and rewind go only to
 * executors whose SDK knows them (MESSAGE_SUPPORT); none connected: 501 naming what is needed.
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
      const readers = readersOf('cancelChildren', req.cancelChildren);
      const before = await this.workflows.getHeldWorkflow(op, workflowId, readers);
      const answer = await this.proxy.send(
        op.applicationId,
        'cancel',
        { workflow_id: workflowId, cancel_children: req.cancelChildren },
        before.holders,
      );
      assertSucceeded('cancel', answer);
      const { status } = await this.outcomes.applied(op, workflowId, before.holders);
      return { workflowId, outcome: cancelOutcome(before.status, status), status };
    };
    return this.single(op, WORKFLOW_ACTIONS.cancel, workflowId, { ...req }, cancel, auditedDone);
  }

  resumeWorkflow(
    op: Operator,
    workflowId: string,
    req: ResumeWorkflowRequest,
  ): Promise<WorkflowActionResult> {
    const resume = async (): Promise<WorkflowActionResult> => {
      const readers = readersOf('queueName', req.queueName);
      const before = await this.workflows.getHeldWorkflow(op, workflowId, readers);
      const answer = await this.proxy.send(
        op.applicationId,
        'resume',
        { workflow_id: workflowId, queue_name: req.queueName },
        before.holders,
      );
      assertSucceeded('resume', answer);
      const { status } = await this.outcomes.applied(op, workflowId, before.holders);
      return { workflowId, outcome: resumeOutcome(before.status), status };
    };
    return this.single(op, WORKFLOW_ACTIONS.resume, workflowId, { ...req }, resume, (result) =>
      auditedDone(result, 'resumed'),
    );
  }

  deleteWorkflow(op: Operator, workflowId: string, query: DeleteWorkflowQuery) {
    return this.single(op, WORKFLOW_ACTIONS.delete, workflowId, { ...query }, async () => {
      const { holders } = await this.workflows.getHeldWorkflow(op, workflowId);
      const answer = await this.proxy.send(
        op.applicationId,
        'delete',
        { workflow_id: workflowId, delete_children: query.deleteChildren },
        holders,
      );
      assertSucceeded('delete', answer);
      return this.outcomes.applied(op, workflowId, holders);
    });
  }

  forkWorkflow(
    op: Operator,
    workflowId: string,
    req: ForkWorkflowRequest,
  ): Promise<ForkWorkflowResponse> {
    const details: Record<string, unknown> = { ...req };
    return this.single(op, WORKFLOW_ACTIONS.fork, workflowId, details, async () => {
      const readers = readersOf('queueName', req.queueName ?? req.queuePartitionKey);
      const { holders } = await this.workflows.getHeldWorkflow(op, workflowId, readers);
      await assertForkableOnto(this.proxy, op.applicationId, holders, req.appVersion);
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
        { ...holders, preferVersion: req.appVersion },
      );
      const newWorkflowId = answer.new_workflow_id;
      if (!newWorkflowId) {
        throw new AppError('EXECUTOR_ERROR', 'The executor did not report the new workflow id.');
      }
      details.newWorkflowId = newWorkflowId;
      const { status } = await this.outcomes.applied(op, newWorkflowId, holders);
      // DBOS Conductor's one field, workflowId, names the fork; Podium's names both.
      return { workflowId: newWorkflowId, forkedFrom: workflowId, newWorkflowId, status };
    });
  }

  /** Podium's restart: DBOS's `restart` (a fork from the start); the new id when reported. */
  restartWorkflow(
    op: Operator,
    workflowId: string,
    req: RestartWorkflowRequest,
  ): Promise<RestartWorkflowResponse> {
    const details: Record<string, unknown> = { ...req };
    const supporting = supportedBy('restart');
    return this.single(op, WORKFLOW_ACTIONS.restart, workflowId, details, async () => {
      const { holders } = await this.workflows.getHeldWorkflow(op, workflowId, supporting);
      const answer = await this.proxy.send(
        op.applicationId,
        'restart',
        { workflow_id: workflowId },
        holders,
      );
      assertSucceeded('restart', answer);
      const newWorkflowId = answer.new_workflow_id ?? null;
      if (newWorkflowId === null) return { workflowId, newWorkflowId, status: null };
      details.newWorkflowId = newWorkflowId;
      const { status } = await this.outcomes.applied(op, newWorkflowId, holders);
      return { workflowId, newWorkflowId, status };
    });
  }

  /** Podium's rewind: DBOS's `rewind_workflow`, in place (same id), from `startStep`. */
  rewindWorkflow(op: Operator, workflowId: string, req: RewindWorkflowRequest) {
    const supporting = supportedBy('rewind_workflow');
    return this.single(op, WORKFLOW_ACTIONS.rewind, workflowId, { ...req }, async () => {
      const { holders } = await this.workflows.getHeldWorkflow(op, workflowId, supporting);
      const answer = await this.proxy.send(
        op.applicationId,
        'rewind_workflow',
        {
          body: {
            workflow_id: workflowId,
            start_step: req.startStep,
            application_version: req.appVersion,
            queue_name: req.queueName,
            queue_partition_key: req.queuePartitionKey,
          },
        },
        { ...holders, preferVersion: req.appVersion },
      );
      assertSucceeded('rewind_workflow', answer);
      return this.outcomes.applied(op, workflowId, holders);
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
