import { Inject, Injectable } from '@nestjs/common';
import { AppError, type WorkflowActionResult } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import type { AppScope } from '../../common/auth/app-scope';
import type { SendOptions } from '../executors/proxy/executor-proxy';
import { WorkflowsService } from './workflows.service';

/**
 * What an action did. DBOS answers `success` even when nothing changed (cancelling a finished
 * workflow), so results carry the status read back afterwards. The action is done by then: a
 * failed read-back only loses the status, it does not fail the action.
 */
@Injectable()
export class ActionOutcomes {
  constructor(
    private readonly workflows: WorkflowsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async applied(
    scope: AppScope,
    workflowId: string,
    options: SendOptions = {},
  ): Promise<WorkflowActionResult> {
    const statuses = await this.statuses(scope, [workflowId], options);
    return { workflowId, outcome: 'SUCCESS', status: statuses.get(workflowId) ?? null };
  }

  async statuses(
    scope: AppScope,
    ids: string[],
    options: SendOptions = {},
  ): Promise<Map<string, string | null>> {
    try {
      return await this.workflows.findStatuses(scope, ids, options);
    } catch (error) {
      this.logger.warn(
        { applicationId: scope.applicationId, count: ids.length, err: String(error) },
        'could not read workflow statuses back after an action',
      );
      return new Map();
    }
  }
}

/** Statuses a cancel cannot change. */
const FINISHED = new Set(['SUCCESS', 'ERROR', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', 'CANCELLED']);

/**
 * Whether a cancel did anything. DBOS answers `success` for a workflow that had already
 * finished, so this decides from the statuses read before and after: finished before, or
 * finished otherwise than cancelled after (it completed while the cancel was on its way),
 * means nothing was cancelled.
 */
export function cancelOutcome(
  before: string | null | undefined,
  after: string | null | undefined,
): 'SUCCESS' | 'ALREADY_FINISHED' {
  const finishedBefore = before != null && FINISHED.has(before);
  const finishedOtherwise = after != null && after !== 'CANCELLED' && FINISHED.has(after);
  return finishedBefore || finishedOtherwise ? 'ALREADY_FINISHED' : 'SUCCESS';
}

/** Statuses a resume leaves as they are (DBOS resumes every other one). */
const NOT_RESUMED = new Set(['SUCCESS', 'ERROR']);

/**
 * Whether a resume did anything. DBOS answers `success` for a SUCCESS or ERROR workflow, which
 * it leaves alone: finished so before, nothing was resumed.
 */
export function resumeOutcome(before: string | null | undefined): 'SUCCESS' | 'ALREADY_FINISHED' {
  return before != null && NOT_RESUMED.has(before) ? 'ALREADY_FINISHED' : 'SUCCESS';
}

/** `success: false` without an error message is still a failure. */
export function assertSucceeded(type: string, answer: { success?: boolean | null }): void {
  if (answer.success === false) {
    throw new AppError('EXECUTOR_ERROR', `The executor reported that "${type}" failed.`);
  }
}
