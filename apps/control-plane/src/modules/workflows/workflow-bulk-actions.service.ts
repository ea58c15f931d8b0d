import { Injectable } from '@nestjs/common';
import {
  AppError,
  type BulkCancelWorkflowsRequest,
  type BulkDeleteWorkflowsRequest,
  type BulkForkFromFailureRequest,
  type BulkForkFromFailureResponse,
  type BulkResumeWorkflowsRequest,
  type BulkWorkflowsResponse,
  type RequestFieldsOf,
  type WorkflowActionResult,
} from '@podium/protocol';
import { type CommandProgress, withProgress } from './command-progress';
import type { ExecutorIdentity } from '../executors/executor-registry';
import type { Reach } from '../executors/family-fanout';
import { supportsWorkflowIds } from '../executors/message-support';
import { ExecutorProxy, type SendOptions } from '../executors/proxy/executor-proxy';
import { ActionOutcomes, assertSucceeded, cancelOutcome, resumeOutcome } from './action-outcomes';
import type { ListedRow } from './family-lists';
import { readersOf } from './action-support';
import { assertForkableOnto, narrowHolders } from './holding-family';
import type { Operator } from '../../common/auth/app-scope';
import type { AuditedAction } from '../../common/routes/route-spec';
import { WORKFLOW_ACTIONS, WorkflowAuditLog, auditedDone, failureOf } from './workflow-audit';
import { WorkflowsService } from './workflows.service';

/**
 * Operator actions on many workflows at once, as one DBOS command each (`workflow_ids`, with
 * `workflow_id` set to the first id) to each SDK family holding some of them. Ids that do not
 * exist are reported NOT_FOUND and left out of the command; every id gets a result (its status
 * read back) and an audit entry.
 */
@Injectable()
export class WorkflowBulkActionsService {
  constructor(
    private readonly proxy: ExecutorProxy,
    private readonly workflows: WorkflowsService,
    private readonly outcomes: ActionOutcomes,
    private readonly auditLog: WorkflowAuditLog,
  ) {}

  bulkCancel(op: Operator, req: BulkCancelWorkflowsRequest): Promise<BulkWorkflowsResponse> {
    const { workflowIds, ...options } = req;
    const fields = { cancel_children: options.cancelChildren };
    const readers = readersOf('cancelChildren', options.cancelChildren);
    return this.bulk(op, WORKFLOW_ACTIONS.bulkCancel, workflowIds, options, {
      ...this.sending(op, 'cancel', fields, readers),
      judge: cancelOutcome,
    });
  }

  bulkResume(op: Operator, req: BulkResumeWorkflowsRequest): Promise<BulkWorkflowsResponse> {
    const { workflowIds, ...options } = req;
    const fields = { queue_name: options.queueName };
    const readers = readersOf('queueName', options.queueName);
    return this.bulk(op, WORKFLOW_ACTIONS.bulkResume, workflowIds, options, {
      ...this.sending(op, 'resume', fields, readers),
      judge: resumeOutcome,
      undone: 'resumed',
    });
  }

  bulkDelete(op: Operator, req: BulkDeleteWorkflowsRequest): Promise<BulkWorkflowsResponse> {
    const { workflowIds, ...options } = req;
    const fields = { delete_children: options.deleteChildren };
    return this.bulk(op, WORKFLOW_ACTIONS.bulkDelete, workflowIds, options, {
      ...this.sending(op, 'delete', fields),
    });
  }

  /** Forks each workflow; results report each fork's id and status (read back). */
  async bulkForkFromFailure(
    op: Operator,
    req: BulkForkFromFailureRequest,
  ): Promise<BulkForkFromFailureResponse> {
    const { workflowIds, ...options } = req;
    const forks = new Map<string, string>();
    const results = await this.bulk(
      op,
      WORKFLOW_ACTIONS.bulkForkFromFailure,
      workflowIds,
      options,
      {
        check: (reach) =>
          assertForkableOnto(this.proxy, op.applicationId, reach, options.appVersion),
        execute: async (ids, reach) => {
          const answer = await this.proxy.send(
            op.applicationId,
            'fork_from_failure',
            {
              body: {
                workflow_ids: ids,
                ...forkSelector(options),
                application_version: options.appVersion,
                queue_name: options.queueName,
                queue_partition_key: options.queuePartitionKey,
              },
            },
            { preferVersion: options.appVersion, ...reach },
          );
          // The executor answers in request order, one new id per workflow.
          (answer.forked_workflow_ids ?? []).forEach((newId, i) => {
            const original = ids[i];
            if (original !== undefined) forks.set(original, newId);
          });
          return forks;
        },
      },
    );
    return {
      workflowIds: workflowIds.flatMap((id) => forks.get(id) ?? []),
      results: results.results.map((r) => ({
        ...r,
        newWorkflowId: forks.get(r.workflowId) ?? null,
      })),
    };
  }

  /**
   * How a cancel, resume or delete is checked and sent per SDK family (sendForEach): to the
   * executors that read an option asked for (`only`, from `readersOf`), 501 when none of them is
   * connected, checked for every family before anything is sent.
   */
  private sending<K extends 'cancel' | 'resume' | 'delete'>(
    op: Operator,
    type: K,
    fields: Omit<RequestFieldsOf<K>, 'workflow_id' | 'workflow_ids'>,
    only?: SendOptions['only'],
  ): Pick<BulkCommand, 'check' | 'execute'> {
    const narrowed = (reach: Reach): Promise<Reach> =>
      only ? narrowHolders(this.proxy, op.applicationId, reach, only) : Promise.resolve(reach);
    return {
      ...(only && { check: narrowed }),
      execute: async (ids, reach, carriedOut) => {
        await this.sendForEach(op, type, ids, fields, await narrowed(reach), carriedOut);
        return sameIds(ids);
      },
    };
  }

  /**
   * Sends a cancel, resume or delete for `ids`: one frame naming them all (`workflow_ids`) to an
   * executor that reads it, else one frame per id, since an older executor acts on
   * `workflow_id` alone and answers success for all (supportsWorkflowIds). Each frame's ids are
   * `carriedOut` once it succeeded, should a later one fail.
   */
  private async sendForEach<K extends 'cancel' | 'resume' | 'delete'>(
    op: Operator,
    type: K,
    ids: string[],
    fields: Omit<RequestFieldsOf<K>, 'workflow_id' | 'workflow_ids'>,
    reach: Reach,
    carriedOut: (ids: readonly string[]) => void,
  ): Promise<void> {
    const send = async (idFields: { workflow_id: string; workflow_ids?: string[] }, to: Reach) => {
      assertSucceeded(
        type,
        await this.proxy.send(
          op.applicationId,
          type,
          { ...fields, ...idFields } as RequestFieldsOf<K>,
          to,
        ),
      );
      carriedOut(idFields.workflow_ids ?? [idFields.workflow_id]);
    };
    const holding = reach.only?.accepts ?? (() => true);
    const reading = (e: ExecutorIdentity) => holding(e) && supportsWorkflowIds(e);
    if (ids.length === 1) return send(bulkIds(ids), reach);
    if (await this.proxy.hasExecutor(op.applicationId, reading)) {
      const refusal = 'No connected executor holding these workflows reads workflow_ids any more.';
      return send(bulkIds(ids), { ...reach, only: { refusal, ...reach.only, accepts: reading } });
    }
    for (const id of ids) await send({ workflow_id: id }, reach);
  }

  /**
   * Runs a bulk command on the ids that exist, once per SDK family holding some of them (each
   * family keeps its workflows in its own tables).
   */
  private async bulk(
    op: Operator,
    action: AuditedAction,
    workflowIds: readonly string[],
    options: Record<string, unknown>,
    { execute, check, judge = () => 'SUCCESS', undone }: BulkCommand,
  ): Promise<BulkWorkflowsResponse> {
    const details = { ...options, bulk: true, count: workflowIds.length };
    let before: Map<string, ListedRow>;
    const reported = new Map<string, string>();
    // Ids the command was carried out for, should a later part fail.
    const done = new Set<string>();
    const carriedOut = (ids: readonly string[]) => ids.forEach((id) => done.add(id));
    try {
      before = await this.workflows.findListed(op, workflowIds);
      const families = byFamily(workflowIds, before);
      for (const reach of families.keys()) await check?.(reach);
      for (const [reach, ids] of families) {
        for (const [id, readId] of await execute(ids, reach, carriedOut)) reported.set(id, readId);
        carriedOut(ids);
      }
    } catch (error) {
      const failure = { outcome: 'FAILURE' as const, ...failureOf(error) };
      await this.auditLog.record(
        op,
        action,
        workflowIds.map((workflowId) =>
          done.has(workflowId)
            ? { workflowId, outcome: 'SUCCESS' as const, ...forkOf(workflowId, reported) }
            : { workflowId, ...failure },
        ),
        details,
      );
      throw done.size > 0 ? partlyCarriedOut(error, done, reported, workflowIds.length) : error;
    }
    const after = await this.outcomes.statuses(op, [...reported.values()]);
    const results: WorkflowActionResult[] = workflowIds.map((workflowId) => {
      if (!before.has(workflowId)) return { workflowId, outcome: 'NOT_FOUND', status: null };
      const readId = reported.get(workflowId);
      const status = readId === undefined ? null : (after.get(readId) ?? null);
      return {
        workflowId,
        outcome: judge(before.get(workflowId)?.row.Status ?? null, status),
        status,
      };
    });
    await this.auditLog.record(
      op,
      action,
      results.map((r) =>
        r.outcome === 'NOT_FOUND'
          ? { workflowId: r.workflowId, outcome: 'FAILURE', errorCode: 'NOT_FOUND' }
          : { ...auditedDone(r, undone), ...forkOf(r.workflowId, reported) },
      ),
      details,
    );
    return { results };
  }
}

interface BulkCommand {
  /**
   * Sends the command for the ids one family holds; per original id, the id whose status to
   * report (itself, or its fork).
   */
  readonly execute: (
    existing: string[],
    reach: Reach,
    /** Names ids done before the whole part is (commands sent one per workflow). */
    carriedOut: (ids: readonly string[]) => void,
  ) => Promise<Map<string, string>>;
  /** Refuses the command for a family; every family is checked before anything is sent. */
  readonly check?: (reach: Reach) => Promise<unknown>;
  /** The outcome of one done workflow from its status before and after (default SUCCESS). */
  readonly judge?: (before: string | null, after: string | null) => WorkflowActionResult['outcome'];
  /** What an ALREADY_FINISHED workflow had not, in the audit log's words (default: cancelled). */
  readonly undone?: string;
}

/** The fork a bulk command started from `workflowId`, if it forked (its reported id differs). */
function forkOf(
  workflowId: string,
  reported: ReadonlyMap<string, string>,
): { newWorkflowId?: string } {
  const readId = reported.get(workflowId);
  return readId !== undefined && readId !== workflowId ? { newWorkflowId: readId } : {};
}

/**
 * A failure after part of the command was carried out (another SDK family's part, or the first
 * of the frames sent one per workflow): the caller must not take the error for "nothing
 * happened" (and retry what was done). `carriedOut` names the ids done; a fork's new ids are in
 * `newWorkflowIds`.
 */
function partlyCarriedOut(
  error: unknown,
  done: ReadonlySet<string>,
  reported: ReadonlyMap<string, string>,
  requested: number,
): unknown {
  if (!AppError.is(error)) return error;
  const forks = [...done].flatMap((id) => {
    const { newWorkflowId } = forkOf(id, reported);
    return newWorkflowId ? [[id, newWorkflowId] as const] : [];
  });
  const progress: CommandProgress = {
    sentence:
      `Before this failure the command was carried out for ${done.size} of the ${requested} ` +
      'workflows (`carriedOut`, also in the audit log).',
    extra: {
      carriedOut: [...done],
      ...(forks.length > 0 && { newWorkflowIds: Object.fromEntries(forks) }),
    },
  };
  return withProgress(error, progress);
}

/** DBOS bulk fields: `workflow_ids` wins, `workflow_id` (its first id) must still be present. */
function bulkIds(ids: string[]): { workflow_id: string; workflow_ids: string[] } {
  const [first] = ids;
  if (first === undefined) throw new AppError('INTERNAL', 'bulk command without workflow ids');
  return { workflow_id: first, workflow_ids: ids };
}

/** The ids that exist, grouped by the options that reach the SDK family holding them. */
function byFamily(
  workflowIds: readonly string[],
  listed: Map<string, ListedRow>,
): Map<Reach, string[]> {
  const families = new Map<Reach, string[]>();
  for (const id of workflowIds) {
    const reach = listed.get(id)?.reach;
    if (!reach) continue;
    const ids = families.get(reach) ?? [];
    ids.push(id);
    families.set(reach, ids);
  }
  return families;
}

function sameIds(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, id]));
}

function forkSelector(options: Omit<BulkForkFromFailureRequest, 'workflowIds'>) {
  if (options.fromStep !== undefined) return { from_step: options.fromStep };
  if (options.fromStepName !== undefined) return { from_step_name: options.fromStepName };
  if (options.fromLastStep) return { from_last_step: true };
  return { from_last_failure: true };
}
