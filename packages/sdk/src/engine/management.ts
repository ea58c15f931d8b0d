/**
 * Operator actions on workflows (part of the engine): cancel, delete, resume, fork, rewind and delays, listing,
 * and the conductor's recovery of dead executors. Each acts on the database first, then on the
 * executions running in this process that the change concerns.
 */
import { randomUUID } from 'node:crypto';
import { PODIUM_INTERNAL_QUEUE } from '@podium/protocol';
import {
  InvalidOperationError,
  WorkflowCancelledError,
  WorkflowConflictError,
  WorkflowNotFoundError,
} from '../errors';
import {
  type CancelOptions,
  type DelayOptions,
  type ForkOptions,
  type ListStepsOptions,
  type ListWorkflowsFilter,
  type ResumeOptions,
  type RewindOptions,
  type StepInfo,
  TERMINAL_STATUSES,
  type WorkflowStatus,
} from '../types';
import type { Handle } from './handle';
import { mapStepInfo, mapWorkflowStatus } from './mapping';
import { delayUntilEpochMs } from './placement';
import type { Registry } from './registry';
import type { Runner } from './runner';
import type { ExecutorScope, Storage } from './storage/storage';

/**
 * Queue without limits (DBOS: the internal queue) for workflows resumed without a queue name,
 * and for recovered and forked workflows that had none.
 */
export const INTERNAL_QUEUE = PODIUM_INTERNAL_QUEUE;

export interface ManagementDeps {
  storage: Storage;
  registry: Registry;
  runner: Runner;
  scope: ExecutorScope;
  /** A handle on a workflow, as `Engine.handle` gives. */
  handle: (workflowId: string) => Handle<unknown>;
  /** Has the dequeuer look for work now (something was enqueued). */
  wake: () => void;
  /** Has the dequeuer promote delayed workflows at this time (epoch ms). */
  wakeAt: (epochMs: number) => void;
}

export class WorkflowManagement {
  private readonly storage: Storage;
  private readonly registry: Registry;
  private readonly runner: Runner;
  private readonly scope: ExecutorScope;
  private readonly handle: ManagementDeps['handle'];
  private readonly wake: ManagementDeps['wake'];
  private readonly wakeAt: ManagementDeps['wakeAt'];

  constructor(deps: ManagementDeps) {
    ({
      storage: this.storage,
      registry: this.registry,
      runner: this.runner,
      scope: this.scope,
      handle: this.handle,
      wake: this.wake,
      wakeAt: this.wakeAt,
    } = deps);
  }

  /** Re-enqueues PENDING workflows of the given (dead) executors that have our version. */
  async recoverPendingWorkflows(executorIds: string[]): Promise<number> {
    const count = await this.storage.requeuePending(executorIds, this.scope, INTERNAL_QUEUE);
    if (count > 0) this.wake();
    return count;
  }

  existPendingWorkflows(executorId: string, applicationVersion: string): Promise<boolean> {
    return this.storage.existPending({ ...this.scope, executorId, applicationVersion });
  }

  async cancelWorkflow(workflowId: string, options: CancelOptions = {}): Promise<void> {
    const descendants =
      options.cancelChildren === true ? await this.storage.admin.findDescendants(workflowId) : [];
    for (const id of [workflowId, ...descendants]) {
      const status = await this.storage.cancelWorkflow(id);
      if (status === null && id === workflowId) throw new WorkflowNotFoundError(workflowId);
      if (status === 'CANCELLED') this.runner.abort(id, new WorkflowCancelledError(id));
    }
  }

  async deleteWorkflow(workflowId: string, deleteChildren: boolean): Promise<string[]> {
    const deleted = await this.storage.deleteWorkflow(workflowId, deleteChildren);
    for (const id of deleted) this.runner.abort(id, new WorkflowNotFoundError(id));
    return deleted;
  }

  /**
   * DBOS `resumeWorkflows`: all or nothing (`WorkflowNotFoundError` for the first missing id),
   * every workflow neither SUCCESS nor ERROR goes back to ENQUEUED on `queueName` or the
   * internal queue (no limits), and a superseded execution running here stops after its step
   * in flight; the claim that follows runs it, here or in another process.
   */
  async resumeWorkflows(
    workflowIds: string[],
    options: ResumeOptions = {},
  ): Promise<Handle<unknown>[]> {
    this.registry.assertQueue(options.queueName);
    const { missing, resumed } = await this.storage.resumeWorkflows(
      workflowIds,
      options.queueName ?? INTERNAL_QUEUE,
    );
    if (missing[0] !== undefined) throw new WorkflowNotFoundError(missing[0]);
    for (const { workflowId, generation } of resumed) {
      this.runner.supersede(workflowId, generation);
    }
    if (resumed.length > 0) this.wake();
    return workflowIds.map((id) => this.handle(id));
  }

  async forkWorkflow(
    workflowId: string,
    startStep: number,
    options: ForkOptions = {},
  ): Promise<Handle<unknown>> {
    if (!Number.isInteger(startStep) || startStep < 0) {
      throw new InvalidOperationError('startStep must be a non-negative integer');
    }
    this.registry.assertPlacement(options.queueName, options.queuePartitionKey);
    if ((await this.storage.getWorkflow(workflowId)) === null) {
      throw new WorkflowNotFoundError(workflowId);
    }
    const newWorkflowId = options.newWorkflowId ?? randomUUID();
    if ((await this.storage.getWorkflow(newWorkflowId)) !== null) {
      throw new WorkflowConflictError(
        newWorkflowId,
        `Workflow id "${newWorkflowId}" already exists`,
      );
    }
    await this.storage.forkWorkflow({
      workflowId,
      newWorkflowId,
      startStep,
      applicationVersion: options.applicationVersion,
      queueName: options.queueName ?? INTERNAL_QUEUE,
      queuePartitionKey: options.queuePartitionKey ?? null,
    });
    this.wake();
    return this.handle(newWorkflowId);
  }

  /**
   * DBOS `rewindWorkflow`: the workflow, which must not be active (PENDING, ENQUEUED, DELAYED),
   * loses its history from `startStep` on and goes back to ENQUEUED under the same id, so it
   * re-executes from that step (see `HistoryStorage.rewindWorkflow` for what is undone).
   */
  async rewindWorkflow(workflowId: string, options: RewindOptions = {}): Promise<Handle<unknown>> {
    const startStep = options.startStep ?? 0;
    if (!Number.isInteger(startStep) || startStep < 0) {
      throw new InvalidOperationError('startStep must be a non-negative integer');
    }
    this.registry.assertQueue(options.queueName);
    // A cancelled execution still running here finishes its step in flight first: rewound
    // under it, that step's checkpoint would land past the cut.
    const local = this.runner.running(workflowId);
    if (local !== undefined) {
      const current = await this.storage.getWorkflow(workflowId);
      if (current !== null && TERMINAL_STATUSES.has(current.status)) await local;
    }
    const result = await this.storage.history.rewindWorkflow({
      workflowId,
      startStep,
      queueName: options.queueName ?? INTERNAL_QUEUE,
      applicationVersion: options.applicationVersion,
    });
    if (result.outcome === 'missing') throw new WorkflowNotFoundError(workflowId);
    if (result.outcome === 'active') {
      throw new InvalidOperationError(
        `Cannot rewind ${workflowId} (${result.status}): only a workflow in a terminal state ` +
          'can be rewound, so cancel it first',
      );
    }
    this.wake();
    return this.handle(workflowId);
  }

  /**
   * DBOS `setWorkflowDelay`: a DELAYED workflow stays DELAYED until the new time; any other
   * is left as it is. `WorkflowNotFoundError` if it does not exist.
   */
  async setWorkflowDelay(workflowId: string, delay: DelayOptions): Promise<void> {
    const until = delayUntilEpochMs(delay);
    if (until === null) throw new InvalidOperationError('give delayMs or delayUntil');
    const status = await this.storage.setDelay(workflowId, until);
    if (status === null) throw new WorkflowNotFoundError(workflowId);
    if (status === 'DELAYED') this.wakeAt(until);
  }

  async listWorkflows(filter: ListWorkflowsFilter): Promise<WorkflowStatus[]> {
    const records = await this.storage.listWorkflows(this.scope.applicationName, filter);
    return records.map(mapWorkflowStatus);
  }

  async listSteps(workflowId: string, options: ListStepsOptions): Promise<StepInfo[] | null> {
    if ((await this.storage.getWorkflow(workflowId)) === null) return null;
    const steps = await this.storage.listSteps(workflowId, options);
    return steps.map((step) => mapStepInfo(step, options.loadOutput ?? true));
  }
}
