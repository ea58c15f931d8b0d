/**
 * The engine behind the `Podium` facade: starting, dispatching, waiting on and managing
 * workflows. Exists only between `launch()` and `shutdown()`.
 */
import { randomUUID } from 'node:crypto';
import {
  InvalidOperationError,
  MaxRecoveryAttemptsExceededError,
  NotLaunchedError,
  ResultTimeoutError,
  WorkflowCancelledError,
  WorkflowConflictError,
  WorkflowNotFoundError,
  WorkflowNotRegisteredError,
} from '../errors';
import type { ResolvedOptions } from '../options';
import { deserializeError, deserializeValue, serializeValue } from '../internal/serialization';
import { sleep } from '../internal/sleep';
import type {
  ForkOptions,
  ListStepsOptions,
  ListWorkflowsFilter,
  StartOptions,
  StepInfo,
  WorkflowStatus,
} from '../types';
import type { ChildStarter } from './context';
import { deliver } from './context-messaging';
import { Dequeuer } from './dequeuer';
import { Handle, type ResultSource, type WorkflowHandle } from './handle';
import { mapStepInfo, mapWorkflowStatus } from './mapping';
import { eventKey, Notifier } from './notifier';
import type { Registry } from './registry';
import { Runner } from './runner';
import type { ExecutorScope, Storage, WorkflowRecord } from './storage/storage';

/** Queue given to recovered, resumed and forked workflows that had none (DBOS: internal queue). */
export const INTERNAL_QUEUE = '_podium_internal_queue';

type StartRequest = StartOptions & { parentWorkflowId?: string };

export class Engine implements ChildStarter, ResultSource {
  readonly runner: Runner;
  readonly dequeuer: Dequeuer;
  readonly notifier = new Notifier();
  /** Set by shutdown: handles that outlive the engine fail with NotLaunchedError. */
  closed = false;

  constructor(
    readonly storage: Storage,
    private readonly registry: Registry,
    readonly scope: ExecutorScope,
    private readonly options: ResolvedOptions,
  ) {
    const deps = {
      storage,
      children: this,
      notifier: this.notifier,
      logger: options.logger,
      pollIntervalMs: options.pollIntervalMs,
    };
    this.runner = new Runner(storage, registry, deps, options.logger);
    this.dequeuer = new Dequeuer(
      [{ name: INTERNAL_QUEUE }, ...registry.queues()],
      (queue, limit) => storage.claimEnqueued(scope, registry.names(), queue, limit),
      (record) => this.dispatch(record),
      options.queuePollIntervalMs,
      options.logger,
    );
  }

  /** Idempotent on the workflow id: only the caller whose insert wins runs the workflow. */
  async start(
    name: string,
    args: unknown[],
    request: StartRequest = {},
    signal?: AbortSignal,
  ): Promise<Handle<unknown>> {
    if (this.registry.get(name) === undefined) throw new WorkflowNotRegisteredError(name);
    const { queueName, timeoutMs } = request;
    if (queueName !== undefined && !this.registry.hasQueue(queueName)) {
      throw new InvalidOperationError(`Queue "${queueName}" is not registered`);
    }
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      throw new InvalidOperationError('timeoutMs must be a positive integer');
    }
    const workflowId = request.workflowId ?? randomUUID();
    const { inserted, record } = await this.storage.insertWorkflow({
      workflowId,
      name,
      status: queueName === undefined ? 'PENDING' : 'ENQUEUED',
      input: serializeValue(args),
      executorId: queueName === undefined ? this.scope.executorId : null,
      applicationVersion: this.scope.applicationVersion,
      applicationName: this.scope.applicationName,
      queueName: queueName ?? null,
      authenticatedUser: request.authenticatedUser ?? null,
      parentWorkflowId: request.parentWorkflowId ?? null,
      priority: request.priority ?? 0,
      timeoutMs: request.timeoutMs ?? null,
    });
    if (!inserted && record.name !== name) {
      throw new WorkflowConflictError(
        workflowId,
        `Workflow id "${workflowId}" belongs to workflow "${record.name}", not "${name}"`,
      );
    }
    if (inserted && record.status === 'PENDING') this.runner.execute(record);
    if (inserted && record.status === 'ENQUEUED') this.dequeuer.wake();
    return this.handle(workflowId, signal);
  }

  startChild(
    name: string,
    args: unknown[],
    request: StartRequest & { workflowId: string; parentWorkflowId: string },
    signal: AbortSignal,
  ): Promise<WorkflowHandle<unknown>> {
    return this.start(name, args, request, signal);
  }

  handle(workflowId: string, signal?: AbortSignal): Handle<unknown> {
    return new Handle(this, workflowId, signal);
  }

  /** Runs a workflow this process has just claimed, unless it has used up its recoveries. */
  async dispatch(record: WorkflowRecord): Promise<void> {
    if (record.recoveryAttempts > this.options.maxRecoveryAttempts) {
      this.options.logger.warn(
        { workflowId: record.workflowId, attempts: record.recoveryAttempts },
        'workflow exceeded its recovery attempts',
      );
      await this.storage.markRecoveryAttemptsExceeded(record.workflowId, record.generation);
      return;
    }
    this.runner.execute(record);
    // A finished queued workflow frees a slot of its queue: look for more work at once.
    if (record.queueName !== null) {
      void this.runner.running(record.workflowId)?.then(() => this.dequeuer.wake());
    }
  }

  /** Resumes this executor's PENDING workflows of this version (startup recovery). */
  async recoverLocal(): Promise<number> {
    const claimed = await this.storage.claimForRecovery(this.scope);
    for (const record of claimed) await this.dispatch(record);
    return claimed.length;
  }

  /** Re-enqueues PENDING workflows of the given (dead) executors that have our version. */
  async recoverPendingWorkflows(executorIds: string[]): Promise<number> {
    const count = await this.storage.requeuePending(executorIds, this.scope, INTERNAL_QUEUE);
    if (count > 0) this.dequeuer.wake();
    return count;
  }

  existPendingWorkflows(executorId: string, applicationVersion: string): Promise<boolean> {
    return this.storage.existPending({ ...this.scope, executorId, applicationVersion });
  }

  async getWorkflowStatus(workflowId: string): Promise<WorkflowStatus | null> {
    if (this.closed) throw new NotLaunchedError('getStatus');
    const record = await this.storage.getWorkflow(workflowId);
    return record === null ? null : mapWorkflowStatus(record);
  }

  async awaitResult(
    workflowId: string,
    timeoutMs: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    for (;;) {
      signal?.throwIfAborted();
      if (this.closed) throw new NotLaunchedError('getResult');
      const record = await this.storage.getWorkflow(workflowId);
      if (record === null) throw new WorkflowNotFoundError(workflowId);
      switch (record.status) {
        case 'SUCCESS':
          return record.output === null ? undefined : deserializeValue(record.output);
        case 'ERROR':
          throw deserializeError(record.error ?? '{}');
        case 'CANCELLED':
          throw new WorkflowCancelledError(workflowId);
        case 'MAX_RECOVERY_ATTEMPTS_EXCEEDED':
          throw new MaxRecoveryAttemptsExceededError(workflowId);
        default:
          break;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ResultTimeoutError(workflowId);
      const pollMs = Math.min(remaining, this.options.pollIntervalMs);
      await this.waitForChange(workflowId, pollMs, signal);
    }
  }

  /** Sends a message from outside any workflow; `idempotencyKey` makes retries safe. */
  async send(
    destinationId: string,
    message: unknown,
    topic: string | undefined,
    idempotencyKey: string | undefined,
  ): Promise<void> {
    const messageId = idempotencyKey ?? randomUUID();
    await deliver(this, { messageId, destinationId, topic, message }, null);
  }

  /** Waits up to `timeoutMs` for an event to be set; null on timeout. */
  async getEvent(workflowId: string, key: string, timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.storage.getEvent(workflowId, key);
      if (value !== null) return deserializeValue(value);
      const remaining = deadline - Date.now();
      if (remaining <= 0) return null;
      const pollMs = Math.min(remaining, this.options.pollIntervalMs);
      await this.notifier.wait(eventKey(workflowId), pollMs);
    }
  }

  async cancelWorkflow(workflowId: string): Promise<void> {
    const status = await this.storage.cancelWorkflow(workflowId);
    if (status === null) throw new WorkflowNotFoundError(workflowId);
    if (status === 'CANCELLED')
      this.runner.abort(workflowId, new WorkflowCancelledError(workflowId));
  }

  async deleteWorkflow(workflowId: string, deleteChildren: boolean): Promise<string[]> {
    const deleted = await this.storage.deleteWorkflow(workflowId, deleteChildren);
    for (const id of deleted) this.runner.abort(id, new WorkflowNotFoundError(id));
    return deleted;
  }

  async resumeWorkflow(workflowId: string): Promise<Handle<unknown>> {
    const status = await this.storage.resumeWorkflow(workflowId, INTERNAL_QUEUE);
    if (status === null) throw new WorkflowNotFoundError(workflowId);
    if (status === 'ENQUEUED') this.dequeuer.wake();
    return this.handle(workflowId);
  }

  async forkWorkflow(
    workflowId: string,
    startStep: number,
    options: ForkOptions = {},
  ): Promise<Handle<unknown>> {
    if (!Number.isInteger(startStep) || startStep < 0) {
      throw new InvalidOperationError('startStep must be a non-negative integer');
    }
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
      queueName: INTERNAL_QUEUE,
    });
    this.dequeuer.wake();
    return this.handle(newWorkflowId);
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

  /**
   * Waits until the local execution settles or `ms` pass, whichever comes first; rejects with
   * the reason if `signal` aborts.
   */
  private async waitForChange(workflowId: string, ms: number, signal?: AbortSignal): Promise<void> {
    const running = this.runner.running(workflowId);
    const timer = new AbortController();
    const stop = signal === undefined ? timer.signal : AbortSignal.any([timer.signal, signal]);
    try {
      await Promise.race([sleep(ms, stop), ...(running === undefined ? [] : [running])]);
    } finally {
      timer.abort();
    }
  }
}
