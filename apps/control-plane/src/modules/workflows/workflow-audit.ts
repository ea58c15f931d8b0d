import { Inject, Injectable } from '@nestjs/common';
import { type ErrorCode, type WorkflowActionResult } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { AuditService } from '../audit/audit.service';
import { type StorableFailure, storableFailure } from '../audit/storable-failure';
import type { Operator } from '../../common/auth/app-scope';
import type { AuditedAction } from '../../common/routes/route-spec';

/** Target type of every workflow audit entry. */
const WORKFLOW_TARGET = 'workflow';

/**
 * The audited workflow actions (one name each). The route table names the same entries, so
 * the guard audits refusals under them too.
 */
export const WORKFLOW_ACTIONS = {
  cancel: { name: 'workflow.cancel', targetType: WORKFLOW_TARGET },
  resume: { name: 'workflow.resume', targetType: WORKFLOW_TARGET },
  fork: { name: 'workflow.fork', targetType: WORKFLOW_TARGET },
  delete: { name: 'workflow.delete', targetType: WORKFLOW_TARGET },
  restart: { name: 'workflow.restart', targetType: WORKFLOW_TARGET },
  rewind: { name: 'workflow.rewind', targetType: WORKFLOW_TARGET },
  bulkCancel: { name: 'workflow.bulk_cancel', targetType: WORKFLOW_TARGET },
  bulkResume: { name: 'workflow.bulk_resume', targetType: WORKFLOW_TARGET },
  bulkDelete: { name: 'workflow.bulk_delete', targetType: WORKFLOW_TARGET },
  bulkForkFromFailure: { name: 'workflow.bulk_fork_from_failure', targetType: WORKFLOW_TARGET },
  import: { name: 'workflow.import', targetType: WORKFLOW_TARGET },
} as const satisfies Record<string, AuditedAction>;

export interface AuditedWorkflow {
  readonly workflowId: string;
  readonly outcome: 'SUCCESS' | 'FAILURE';
  /** A failure known by its code alone (an id that does not exist). */
  readonly errorCode?: ErrorCode;
  /** What the action threw (see failureOf). */
  readonly thrown?: unknown;
  /** Done, but it changed nothing (a cancel that lost the race to completion), in words. */
  readonly nothingChanged?: { result: 'ALREADY_FINISHED'; status: string | null; summary: string };
  /** The workflow a fork of this one started (bulk fork from failure). */
  readonly newWorkflowId?: string;
}

/**
 * One audit entry per workflow an operator acted on (bulk actions too, so "who cancelled X?"
 * has an answer). The action already happened when we write: a failed write is logged with
 * everything it would have recorded and does not turn the operator's answer into an error.
 */
@Injectable()
export class WorkflowAuditLog {
  constructor(
    private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(
    operator: Operator,
    action: AuditedAction,
    workflows: readonly AuditedWorkflow[],
    details: Record<string, unknown>,
  ): Promise<void> {
    const failures = new StoredFailures(this.logger);
    const writes = await Promise.allSettled(
      workflows.map((w) =>
        this.audit.record({
          organizationId: operator.organizationId,
          principal: operator.principal,
          action: action.name,
          targetType: action.targetType,
          targetId: w.workflowId,
          outcome: w.outcome,
          details: {
            applicationId: operator.applicationId,
            ...details,
            ...failures.of(w),
            ...w.nothingChanged,
            ...(w.newWorkflowId && { newWorkflowId: w.newWorkflowId }),
          },
        }),
      ),
    );
    const failed = writes.filter((w) => w.status === 'rejected');
    if (failed.length > 0) {
      this.logger.error(
        {
          action: action.name,
          organizationId: operator.organizationId,
          applicationId: operator.applicationId,
          workflows,
          details,
          err: String(failed[0]?.reason),
        },
        'audit entries could not be written',
      );
    }
  }
}

/**
 * The audit record of an action done on one workflow; says so when it changed nothing (it had
 * finished: nothing `undone`, e.g. cancelled).
 */
export function auditedDone(result: WorkflowActionResult, undone = 'cancelled'): AuditedWorkflow {
  if (result.outcome !== 'ALREADY_FINISHED')
    return { workflowId: result.workflowId, outcome: 'SUCCESS' };
  return {
    workflowId: result.workflowId,
    outcome: 'SUCCESS',
    nothingChanged: {
      result: 'ALREADY_FINISHED',
      status: result.status,
      summary: `already finished (${result.status ?? 'status unknown'}): nothing ${undone}`,
    },
  };
}

/** The failure of an action that threw: recorded as its code and a detail any reader may see. */
export function failureOf(error: unknown): { thrown: unknown } {
  return { thrown: error };
}

/**
 * The failure details of one write of entries (see storableFailure). An error failing many
 * workflows (a bulk action) is turned into details once: one reference, one log line.
 */
class StoredFailures {
  private readonly byError = new Map<unknown, StorableFailure>();

  constructor(private readonly logger: Logger) {}

  of(w: AuditedWorkflow): Partial<StorableFailure> {
    if (!('thrown' in w)) return w.errorCode ? { errorCode: w.errorCode } : {};
    let failure = this.byError.get(w.thrown);
    if (!failure) {
      failure = storableFailure(w.thrown, this.logger);
      this.byError.set(w.thrown, failure);
    }
    return failure;
  }
}
