/**
 * The engine behind the `Podium` facade: starting, dispatching, waiting on and managing
 * workflows. Exists only between `launch()` and `shutdown()`.
 *
 * Shutdown invariant: once `interrupt()` has been called, no workflow execution begins in this
 * process, by any path (a start, a child start, a dequeue, recovery). Operations already
 * recording something complete, so what they recorded stays durable (PENDING on this executor,
 * or ENQUEUED) and is recovered later; `shutdown()` waits for them and for the interrupted
 * executions, never for a workflow that would have begun afterwards.
 */
import { randomUUID } from 'node:crypto';
import {
  InvalidOperationError,
  MaxRecoveryAttemptsExceededError,
  NotLaunchedError,
  QueueDeduplicatedError,
  ResultTimeoutError,
  WorkflowCancelledError,
  WorkflowConflictError,
  WorkflowNotFoundError,
  WorkflowNotRegisteredError,
} from '../errors';
import type { ResolvedOptions } from '../options';
import { deserializeError, deserializeValue, serializeValue } from '../internal/serialization';
import { sleep } from '../internal/sleep';
import {
  type QueueOptions,
  type StartOptions,
  TERMINAL_STATUSES,
  type WorkflowStatus,
  type WorkflowStatusType,
} from '../types';
import { Alerts } from './alerts';
import type { ChildStarter } from './context';
import { deliver } from './context-messaging';
import { Dequeuer } from './dequeuer';
import { Handle, type ResultSource, type WorkflowHandle } from './handle';
import { ShutdownInterruption } from './interruptions';
import { Maintenance } from './maintenance';
import { Metrics } from './metrics';
import { INTERNAL_QUEUE, WorkflowManagement } from './management';
import { mapWorkflowStatus } from './mapping';
import { eventKey, Notifier } from './notifier';
import type { Registry } from './registry';
import { placeWorkflow } from './placement';
import { Runner } from './runner';
import { StreamReader } from './stream-reader';
import { WorkflowTransfer } from './workflow-transfer';
import { Scheduler } from './schedules/scheduler';
import { ScheduleManagement } from './schedules/schedules';
import {
  DeduplicationConflict,
  type ExecutorScope,
  type Storage,
  type WorkflowOutcome,
  type WorkflowRecord,
} from './storage/storage';
import { ApplicationVersions } from './versions';

/** Why operations fail with NotLaunchedError while the engine shuts down. */
export const SHUTTING_DOWN = 'Podium is shutting down';

type StartRequest = StartOptions & { parentWorkflowId?: string };

export class Engine implements ChildStarter, ResultSource {
  readonly runner: Runner;
  readonly dequeuer: Dequeuer;
  readonly notifier = new Notifier();
  /** Retention (conductor requests). */
  readonly maintenance: Maintenance;
  /** Counts and aggregates (conductor requests). */
  readonly metrics: Metrics;
  /** Cancel, delete, resume, fork, rewind, delays, listing, and recovery of dead executors. */
  readonly management: WorkflowManagement;
  /** Export and import; the events, messages and streams the control plane shows. */
  readonly transfer: WorkflowTransfer;
  /** `readStream` outside workflows. */
  readonly streams: StreamReader;
  /** This application's schedules, and the process's scheduler serving them. */
  readonly schedules: ScheduleManagement;
  readonly scheduler: Scheduler;
  readonly versions: ApplicationVersions;
  readonly alerts: Alerts;
  /** Set by shutdown: handles that outlive the engine fail with NotLaunchedError. */
  closed = false;
  /** Set by `interrupt()`: nothing begins executing any more. */
  private stopping = false;
  /** Starts being recorded (settled promises, never rejecting). */
  private readonly starts = new Set<Promise<void>>();
  /** Aborted by `interrupt()`: waits outside workflows (stream readers) stop. */
  private readonly lifetime = new AbortController();

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
      {
        claim: (queue, limit) => storage.claimEnqueued(scope, registry.names(), queue, limit),
        promoteDelayed: () => storage.promoteDelayed(scope.applicationName),
      },
      (record) => this.dispatch(record),
      options.queuePollIntervalMs,
      options.logger,
    );
    this.maintenance = new Maintenance(storage, scope, this.runner, options.logger);
    this.metrics = new Metrics(storage, scope);
    this.management = new WorkflowManagement({
      storage,
      registry,
      runner: this.runner,
      scope,
      handle: (workflowId) => this.handle(workflowId),
      wake: () => this.dequeuer.wake(),
      wakeAt: (epochMs) => this.dequeuer.wakeAt(epochMs),
    });
    this.transfer = new WorkflowTransfer(storage, scope.applicationName);
    this.streams = new StreamReader({
      storage,
      notifier: this.notifier,
      logger: options.logger,
      pollIntervalMs: options.pollIntervalMs,
      running: (workflowId) => this.runner.running(workflowId),
      signal: this.lifetime.signal,
    });
    this.scheduler = new Scheduler({
      storage,
      scope,
      pollIntervalMs: options.schedulePollIntervalMs,
      logger: options.logger,
      onEnqueued: () => this.dequeuer.wake(),
    });
    this.schedules = new ScheduleManagement({
      storage,
      registry,
      scope,
      wakeScheduler: () => this.scheduler.wake(),
      wakeDequeuer: () => this.dequeuer.wake(),
    });
    this.versions = new ApplicationVersions(storage, scope, options.logger);
    this.alerts = new Alerts(registry.alertHandler(), options.logger);
  }

  /** The queues this process serves (registered with `podium.queue`), with their limits. */
  queues(): ({ name: string } & QueueOptions)[] {
    return this.registry.queues();
  }

  /**
   * Idempotent on the workflow id: only the caller whose insert wins runs the workflow. A start
   * still being recorded when shutdown begins completes without running the workflow here: it
   * stays PENDING (or ENQUEUED) for recovery, and the handle's result rejects with
   * `NotLaunchedError`.
   */
  start(
    name: string,
    args: unknown[],
    request: StartRequest = {},
    signal?: AbortSignal,
  ): Promise<Handle<unknown>> {
    const started = this.record(name, args, request, signal);
    const settled = started.then(
      () => undefined,
      () => undefined,
    );
    this.starts.add(settled);
    void settled.then(() => this.starts.delete(settled));
    return started;
  }

  private async record(
    name: string,
    args: unknown[],
    request: StartRequest,
    signal: AbortSignal | undefined,
  ): Promise<Handle<unknown>> {
    if (this.registry.get(name) === undefined) throw new WorkflowNotRegisteredError(name);
    const { timeoutMs } = request;
    const placement = placeWorkflow(request, this.registry);
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      throw new InvalidOperationError('timeoutMs must be a positive integer');
    }
    const workflowId = request.workflowId ?? randomUUID();
    const { inserted, record } = await this.storage
      .insertWorkflow({
        workflowId,
        name,
        ...placement,
        input: serializeValue(args),
        // Enqueued ones too, as DBOS stamps its enqueuer; the dequeuer's claim restamps it.
        executorId: this.scope.executorId,
        applicationVersion: this.scope.applicationVersion,
        applicationName: this.scope.applicationName,
        authenticatedUser: request.authenticatedUser ?? null,
        parentWorkflowId: request.parentWorkflowId ?? null,
        priority: request.priority ?? 0,
        timeoutMs: request.timeoutMs ?? null,
      })
      .catch((error: unknown) => {
        if (!(error instanceof DeduplicationConflict)) throw error;
        const { queueName, deduplicationId, holderWorkflowId } = error;
        throw new QueueDeduplicatedError(workflowId, queueName, deduplicationId, holderWorkflowId);
      });
    if (!inserted && record.name !== name) {
      throw new WorkflowConflictError(
        workflowId,
        `Workflow id "${workflowId}" belongs to workflow "${record.name}", not "${name}"`,
      );
    }
    // Refused once shutting down: the workflow stays PENDING on this executor.
    if (inserted && record.status === 'PENDING') this.runner.execute(record);
    if (inserted && record.status === 'ENQUEUED') this.dequeuer.wake();
    if (inserted && record.delayUntilEpochMs !== null) {
      this.dequeuer.wakeAt(record.delayUntilEpochMs);
    }
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
    if (this.stopping) return 0;
    const claimed = await this.storage.claimForRecovery(this.scope);
    for (const record of claimed) await this.dispatch(record);
    return claimed.length;
  }

  /**
   * Begins shutdown, synchronously: stops the dequeuer, refuses every new execution and
   * interrupts the running ones (they stay PENDING). Idempotent.
   */
  interrupt(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.lifetime.abort(new NotLaunchedError('readStream', SHUTTING_DOWN));
    this.runner.close(new ShutdownInterruption());
    // Stops polling at once; `shutdown()` waits for the poll in progress.
    void this.dequeuer.stop().catch(() => undefined);
    void this.scheduler.stop().catch(() => undefined);
    // A retention round stops after its batch in flight; `shutdown()` waits for that.
    void this.maintenance.stop();
  }

  /**
   * Interrupts, then waits for the dequeuer's poll, the scheduler's cycle, the starts being
   * recorded, the interrupted executions (with their running steps) and a retention round's
   * batch in flight to settle. Leaves the storage open.
   */
  async shutdown(): Promise<void> {
    this.interrupt();
    await Promise.all([this.dequeuer.stop(), this.scheduler.stop()]);
    await Promise.all([this.runner.drain(), this.settleStarts(), this.maintenance.stop()]);
  }

  async getWorkflowStatus(workflowId: string): Promise<WorkflowStatus | null> {
    if (this.closed) throw new NotLaunchedError('getStatus');
    const record = await this.storage.getWorkflow(workflowId);
    return record === null ? null : mapWorkflowStatus(record);
  }

  /**
   * Hot path of `wf(...)` and `getResult()`. A local execution hands over the outcome it
   * wrote, so the result is not read back; the database is read when nothing runs here, and
   * at every poll while waiting (changes made by other processes, e.g. a cancel).
   */
  async awaitResult(
    workflowId: string,
    timeoutMs: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    for (let polls = 0; ; polls++) {
      signal?.throwIfAborted();
      if (this.closed) throw new NotLaunchedError('getResult');
      const running = this.runner.running(workflowId);
      // Nothing new to read before the first wait on a local execution.
      if (running === undefined || polls > 0) {
        const record = await this.storage.getWorkflow(workflowId);
        if (record === null) throw new WorkflowNotFoundError(workflowId);
        if (TERMINAL_STATUSES.has(record.status)) return settled(record);
      }
      // Nothing runs it here any more: waiting would only hold the caller until the end.
      if (this.stopping && this.runner.running(workflowId) === undefined) {
        throw new NotLaunchedError('getResult', SHUTTING_DOWN);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ResultTimeoutError(workflowId);
      const pollMs = Math.min(remaining, this.options.pollIntervalMs);
      const outcome = await this.waitForChange(this.runner.running(workflowId), pollMs, signal);
      if (outcome !== undefined) return settled({ ...outcome, workflowId });
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

  private async settleStarts(): Promise<void> {
    while (this.starts.size > 0) await Promise.all([...this.starts]);
  }

  /**
   * Waits until the local execution (if any) settles or `ms` pass, whichever comes first;
   * resolves with the outcome the execution wrote, if it wrote one. Rejects with the reason
   * if `signal` aborts.
   */
  private async waitForChange(
    running: Promise<WorkflowOutcome | undefined> | undefined,
    ms: number,
    signal?: AbortSignal,
  ): Promise<WorkflowOutcome | undefined> {
    const timer = new AbortController();
    const stop = signal === undefined ? timer.signal : AbortSignal.any([timer.signal, signal]);
    try {
      const slept = sleep(ms, stop).then(() => undefined);
      return await Promise.race(running === undefined ? [slept] : [slept, running]);
    } finally {
      timer.abort();
    }
  }
}

/** The result of a workflow in a terminal status, or its error thrown. */
function settled(record: {
  workflowId: string;
  status: WorkflowStatusType;
  output?: string | null;
  error?: string | null;
}): unknown {
  switch (record.status) {
    case 'SUCCESS':
      return record.output == null ? undefined : deserializeValue(record.output);
    case 'ERROR':
      throw deserializeError(record.error ?? '{}');
    case 'CANCELLED':
      throw new WorkflowCancelledError(record.workflowId);
    default:
      throw new MaxRecoveryAttemptsExceededError(record.workflowId);
  }
}
