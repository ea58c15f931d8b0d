import { Inject, Injectable } from '@nestjs/common';
import { AppError, type ErrorCode } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { AuditService } from '../audit/audit.service';
import type { Operator } from '../../common/auth/app-scope';

/** The audited workflow actions (one name each; the guard audits refusals under the same). */
export const WORKFLOW_ACTIONS = {
  cancel: 'workflow.cancel',
  resume: 'workflow.resume',
  fork: 'workflow.fork',
  delete: 'workflow.delete',
  bulkCancel: 'workflow.bulk_cancel',
  bulkResume: 'workflow.bulk_resume',
  bulkDelete: 'workflow.bulk_delete',
  bulkForkFromFailure: 'workflow.bulk_fork_from_failure',
} as const;

/** Target type of every workflow audit entry. */
export const WORKFLOW_TARGET = 'workflow';

export interface AuditedWorkflow {
  readonly workflowId: string;
  readonly outcome: 'SUCCESS' | 'FAILURE';
  readonly errorCode?: ErrorCode;
  readonly errorDetail?: string;
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
    action: string,
    workflows: readonly AuditedWorkflow[],
    details: Record<string, unknown>,
  ): Promise<void> {
    const writes = await Promise.allSettled(
      workflows.map((w) =>
        this.audit.record({
          organizationId: operator.organizationId,
          principal: operator.principal,
          action,
          targetType: WORKFLOW_TARGET,
          targetId: w.workflowId,
          outcome: w.outcome,
          details: {
            applicationId: operator.applicationId,
            ...details,
            ...(w.errorCode && { errorCode: w.errorCode, error: w.errorDetail }),
          },
        }),
      ),
    );
    const failed = writes.filter((w) => w.status === 'rejected');
    if (failed.length > 0) {
      this.logger.error(
        {
          action,
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

/** The code and operator-safe detail of whatever an action failed with. */
export function failureOf(error: unknown): { errorCode: ErrorCode; errorDetail: string } {
  if (AppError.is(error)) return { errorCode: error.code, errorDetail: error.message };
  return { errorCode: 'INTERNAL', errorDetail: 'internal error' };
}
