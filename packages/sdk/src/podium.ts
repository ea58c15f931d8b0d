/**
 * `Podium`: the SDK's entry point. Register workflows, `launch()`, start and manage
 * workflows, `shutdown()`.
 */
import { agentHandlers, ConductorAgent } from './agent/agent';
import type { AlertHandler } from './engine/alerts';
import type { ScheduledWorkflow, ScheduleOptions } from './engine/schedules/schedule-types';
import { validateScheduleRequest } from './engine/schedules/schedules';
import { AlreadyLaunchedError, NotLaunchedError } from './errors';
import { computeApplicationVersion } from './internal/app-version';
import { type PodiumOptions, type ResolvedOptions, resolveOptions } from './options';
import { Engine, SHUTTING_DOWN } from './engine/engine';
import type { WorkflowHandle } from './engine/handle';
import { type AnyWorkflowFunction, Registry, type WorkflowFunction } from './engine/registry';
import { createStorage } from './engine/storage/create-storage';
import type { Workflow } from './engine/workflow';
import type { WorkflowExport } from '@podium/protocol';
import { PodiumSchedules } from './podium-schedules';
import { PodiumVersions } from './podium-versions';
import type {
  CancelOptions,
  ExportOptions,
  DelayOptions,
  ForkOptions,
  ListStepsOptions,
  ListWorkflowsFilter,
  QueueOptions,
  ReadStreamOptions,
  ResumeOptions,
  RewindOptions,
  StartOptions,
  StepInfo,
  WorkflowStatus,
} from './types';

type State = 'created' | 'launching' | 'launched' | 'stopped';

export class Podium {
  private readonly options: ResolvedOptions;
  private readonly registry = new Registry();
  private engine: Engine | undefined;
  private agent: ConductorAgent | undefined;
  private version: string | undefined;
  private state: State = 'created';
  private launching: Promise<void> | undefined;
  /** Set once `shutdown()` has begun: the facade refuses every operation from then on. */
  private stopping: Promise<void> | undefined;
  /** This application's schedules at run time: create, apply, pause, resume, trigger, ... */
  readonly schedules = new PodiumSchedules((operation) => this.requireEngine(operation));
  /** The application versions the database has seen, and which is latest. */
  readonly versions = new PodiumVersions((operation) => this.requireEngine(operation));

  /** Validates the options; throws `ConfigurationError` listing every problem. */
  constructor(options: PodiumOptions) {
    this.options = resolveOptions(options);
  }

  /**
   * Registers a workflow under a unique, stable name (stored with every run; renaming it
   * orphans existing runs). Register every workflow before `launch()`.
   */
  workflow<A extends unknown[], R>(name: string, fn: WorkflowFunction<A, R>): Workflow<A, R> {
    this.registry.register(name, fn as unknown as AnyWorkflowFunction);
    const start = async (args: A, options?: StartOptions): Promise<WorkflowHandle<R>> =>
      (await this.requireEngine('starting a workflow').start(
        name,
        args,
        options,
      )) as WorkflowHandle<R>;
    const run = async (...args: A): Promise<R> => (await start(args)).getResult();
    return Object.assign(run, { workflowName: name, start });
  }

  /**
   * Registers a queue this process serves, with optional concurrency and rate limits (see
   * `QueueOptions`). Start workflows on it with `start(args, { queueName })`. Register queues
   * before `launch()`.
   */
  queue(name: string, options: QueueOptions = {}): void {
    this.registry.registerQueue(name, options);
  }

  /**
   * Registers a schedule, applied at launch (created, or its definition updated: a schedule
   * paused by an operator stays paused). At every tick of `cron` one workflow
   * `sched-<name>-<tick as ISO>` is enqueued, across all processes sharing the database,
   * with the tick's time and `options.context` as arguments. Cron syntax is DBOS Transact's:
   * 5 fields, or 6 with seconds first; see `ScheduleOptions` for time zones, queues and
   * missed ticks. Throws `InvalidOperationError` for an invalid expression or zone.
   */
  schedule<C>(
    name: string,
    cron: string,
    workflow: ScheduledWorkflow<C>,
    options: ScheduleOptions<C> = {},
  ): void {
    const request = { scheduleName: name, cron, workflowName: workflow.workflowName, options };
    validateScheduleRequest(request);
    this.registry.registerSchedule(request);
  }

  /**
   * Registers the handler of the control plane's alerts (DBOS Conductor's `alert` message):
   * one handler, before `launch()`. Without one, alerts are logged at warn level. A handler
   * that throws makes the agent answer `success: false` with the error's message.
   */
  onAlert(handler: AlertHandler): void {
    this.registry.setAlertHandler(handler);
  }

  /**
   * Connects, migrates the schema, records this application version (if it registered a
   * workflow), applies the registered schedules, resumes this executor's PENDING workflows of
   * this application version, and starts polling for enqueued (recovered, resumed, forked,
   * scheduled) work and serving the application's schedules.
   * If `shutdown()` begins meanwhile, launch resolves without starting anything more (no
   * recovery, no polling, no control-plane link) and the shutdown completes after it.
   */
  async launch(): Promise<void> {
    if (this.state !== 'created') throw new AlreadyLaunchedError('launch()');
    this.state = 'launching';
    this.registry.freeze();
    this.launching = this.boot();
    await this.launching;
  }

  private async boot(): Promise<void> {
    const { logger } = this.options;
    const storage = await createStorage(this.options.database, this.options.schema, logger);
    try {
      await storage.migrate();
      const applicationVersion =
        this.options.applicationVersion ?? computeApplicationVersion(this.registry.sources());
      const scope = {
        executorId: this.options.executorId,
        applicationVersion,
        applicationName: this.options.appName,
      };
      const engine = new Engine(storage, this.registry, scope, this.options);
      this.engine = engine;
      this.version = applicationVersion;
      // A shutdown that began during launch: nothing may start (shutdown() awaits this launch).
      if (this.stopping !== undefined) engine.interrupt();
      // A Podium that runs no workflow (one that only reads or manages) is no version of the app.
      if (this.registry.names().length > 0) await engine.versions.register();
      await engine.schedules.applyRegistered();
      const recovered = await engine.recoverLocal();
      engine.dequeuer.start();
      engine.scheduler.start();
      if (this.stopping !== undefined) return;
      this.state = 'launched';
      logger.info({ ...scope, recovered }, 'podium launched');
      this.startAgent(engine);
    } catch (error) {
      this.engine = undefined;
      this.state = 'stopped';
      await storage.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Stops polling, interrupts running workflows at their next step or sleep (they stay
   * PENDING and are recovered by the next launch), waits for them to settle, and disconnects.
   * Step functions already running are awaited, and their outcomes recorded.
   *
   * From the moment it is called, no workflow begins executing in this process. Operations
   * begun after it are refused with `NotLaunchedError`, recording nothing. A `start()` whose
   * workflow was already being recorded still resolves with its handle: the workflow is
   * durably recorded (PENDING on this executor, or ENQUEUED) and recovered later, but does not
   * run here, and the handle's `getResult()` rejects with `NotLaunchedError`. The same goes for
   * workflows claimed by a dequeue or by launch's recovery, and for children started by a
   * workflow being interrupted. Shutdown waits only for those recordings and for the
   * interruption of the workflows already running. Calling it again returns the same promise.
   */
  shutdown(): Promise<void> {
    if (this.state === 'created') return Promise.resolve();
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    this.engine?.interrupt();
    await this.launching?.catch(() => undefined);
    const engine = this.engine;
    this.engine = undefined;
    this.state = 'stopped';
    if (engine === undefined) return; // the launch failed and cleaned up
    await engine.shutdown();
    // Like DBOS: the link stays up while draining, so the control plane does not declare this
    // executor dead (and recover its workflows elsewhere) while they are still finishing.
    await this.agent?.stop();
    this.agent = undefined;
    engine.closed = true;
    await engine.storage.close();
    this.options.logger.info({}, 'podium shut down');
  }

  /** The executor id stamped on workflows this process runs. */
  get executorId(): string {
    return this.options.executorId;
  }

  /** The application version in effect (known once `launch()` has started). */
  get applicationVersion(): string {
    if (this.version === undefined) throw new NotLaunchedError('applicationVersion');
    return this.version;
  }

  /** A handle to an existing workflow (not checked for existence). */
  retrieveWorkflow<R = unknown>(workflowId: string): WorkflowHandle<R> {
    return this.requireEngine('retrieveWorkflow').handle(workflowId) as WorkflowHandle<R>;
  }

  /** The stored status of a workflow with its input and output, or null if it does not exist. */
  getWorkflowStatus(workflowId: string): Promise<WorkflowStatus | null> {
    return this.use('getWorkflowStatus', (engine) => engine.getWorkflowStatus(workflowId));
  }

  /** This application's workflows matching `filter`, oldest first unless `sortDesc`. */
  listWorkflows(filter: ListWorkflowsFilter = {}): Promise<WorkflowStatus[]> {
    return this.use('listWorkflows', (engine) => engine.management.listWorkflows(filter));
  }

  /** A workflow's checkpointed steps in order, or null if the workflow does not exist. */
  listSteps(workflowId: string, options: ListStepsOptions = {}): Promise<StepInfo[] | null> {
    return this.use('listSteps', (engine) => engine.management.listSteps(workflowId, options));
  }

  /**
   * Sends a message to a workflow, which reads it with `ctx.recv(topic)`. Throws
   * `WorkflowNotFoundError` if the destination does not exist. Sending again with the same
   * `idempotencyKey` does nothing, so a send can be retried safely.
   */
  send(
    destinationId: string,
    message: unknown,
    topic?: string,
    options?: { idempotencyKey?: string },
  ): Promise<void> {
    return this.use('send', (engine) =>
      engine.send(destinationId, message, topic, options?.idempotencyKey),
    );
  }

  /**
   * Waits up to `timeoutMs` for a workflow to set the event `key` (`ctx.setEvent`) and
   * returns its latest value, or null on timeout.
   * @param timeoutMs @default 60000
   */
  getEvent<T = unknown>(workflowId: string, key: string, timeoutMs = 60_000): Promise<T | null> {
    return this.use('getEvent', (engine) =>
      engine.getEvent(workflowId, key, timeoutMs),
    ) as Promise<T | null>;
  }

  /**
   * Cancels a PENDING or ENQUEUED workflow (with `cancelChildren`, also its active
   * descendants): it becomes CANCELLED and stops at its next step or sleep (immediately, if it
   * runs in this process and is sleeping). No-op for finished workflows.
   */
  cancelWorkflow(workflowId: string, options?: CancelOptions): Promise<void> {
    return this.use('cancelWorkflow', (engine) =>
      engine.management.cancelWorkflow(workflowId, options),
    );
  }

  /**
   * Deletes a workflow with its checkpoints, messages and events (and, with
   * `deleteChildren`, all its descendants). A deleted workflow running in this process is
   * interrupted. Returns the deleted ids (empty if none existed).
   */
  deleteWorkflow(workflowId: string, options?: { deleteChildren?: boolean }): Promise<string[]> {
    return this.use('deleteWorkflow', (engine) =>
      engine.management.deleteWorkflow(workflowId, options?.deleteChildren ?? false),
    );
  }

  /**
   * Resumes a workflow as DBOS Transact does. Unless it has finished (SUCCESS or ERROR, for
   * which this is a no-op), whatever its status (PENDING, ENQUEUED, DELAYED, CANCELLED,
   * MAX_RECOVERY_ATTEMPTS_EXCEEDED), it goes back to ENQUEUED under the same id: on
   * `queueName` if given, else on an internal queue without limits, so it starts at once,
   * regardless of its own queue's concurrency and rate limits. Its recovery attempts are reset
   * and its deadline (`timeoutMs`) starts again when it is dequeued. It continues from its
   * checkpoints: completed steps are replayed, not run again. To run a failed workflow again,
   * fork it from the failed step.
   *
   * A PENDING workflow is taken from whoever runs it: an execution in this process stops after
   * its step in flight (the next one waits for it, so it never runs twice at once here); one in
   * another process stops at its next step, so the step it was in may run again.
   *
   * Throws `WorkflowNotFoundError` (`WORKFLOW_NOT_FOUND`) if the workflow does not exist, and
   * `InvalidOperationError` if `queueName` is not registered with `podium.queue`.
   */
  async resumeWorkflow<R = unknown>(
    workflowId: string,
    options?: ResumeOptions,
  ): Promise<WorkflowHandle<R>> {
    const [handle] = await this.use('resumeWorkflow', (engine) =>
      engine.management.resumeWorkflows([workflowId], options),
    );
    return handle as WorkflowHandle<R>;
  }

  /**
   * Moves the end of a delayed start (DBOS's `setWorkflowDelay`): a `DELAYED` workflow stays
   * `DELAYED` until the new time, then is enqueued as usual. A workflow in any other status
   * is left as it is. Throws `WorkflowNotFoundError` if it does not exist.
   */
  setWorkflowDelay(workflowId: string, delay: DelayOptions): Promise<void> {
    return this.use('setWorkflowDelay', (engine) =>
      engine.management.setWorkflowDelay(workflowId, delay),
    );
  }

  /**
   * Starts a new workflow with the same function and input that keeps the original's
   * checkpoints of steps `0 … startStep - 1` and re-executes from `startStep`.
   */
  forkWorkflow<R = unknown>(
    workflowId: string,
    startStep: number,
    options?: ForkOptions,
  ): Promise<WorkflowHandle<R>> {
    return this.use('forkWorkflow', (engine) =>
      engine.management.forkWorkflow(workflowId, startStep, options),
    ) as Promise<WorkflowHandle<R>>;
  }

  /**
   * Re-enqueues the PENDING workflows of the given (dead) executors that belong to this
   * application and this application version; any executor of that version then runs them.
   * Returns how many were re-enqueued. Idempotent.
   */
  recoverPendingWorkflows(executorIds: string[]): Promise<number> {
    return this.use('recoverPendingWorkflows', (engine) =>
      engine.management.recoverPendingWorkflows(executorIds),
    );
  }

  /** Whether this application has PENDING workflows of that executor and version. */
  existPendingWorkflows(executorId: string, applicationVersion: string): Promise<boolean> {
    return this.use('existPendingWorkflows', (engine) =>
      engine.management.existPendingWorkflows(executorId, applicationVersion),
    );
  }

  /**
   * Reads a workflow's stream `key` (written with `ctx.writeStream`): yields its values in
   * order from `offset` (default 0), waiting for new ones, and ends after the stream is closed
   * (`ctx.closeStream`) or, once the workflow is no longer active, after its last value. Waits
   * are woken by writes in any process (through the database's notifications), not polled
   * tight. To resume a read, pass the number of values already read as `offset`. Throws
   * `WorkflowNotFoundError` if the workflow does not exist, `StreamTimeoutError` if
   * `timeoutMs` passes without a value, and `NotLaunchedError` once shutdown begins.
   */
  async *readStream<T = unknown>(
    workflowId: string,
    key: string,
    options?: ReadStreamOptions,
  ): AsyncGenerator<T, void, undefined> {
    yield* this.requireEngine('readStream').streams.read<T>(workflowId, key, options);
  }

  /**
   * Exports a workflow with its steps, events, messages and streams (with `exportChildren`,
   * its descendants too) as a JSON document in DBOS TypeScript's shape, for `importWorkflow`
   * into another database. Throws `WorkflowNotFoundError` if the workflow does not exist.
   */
  exportWorkflow(workflowId: string, options?: ExportOptions): Promise<WorkflowExport> {
    return this.use('exportWorkflow', (engine) =>
      engine.transfer.exportWorkflow(workflowId, options?.exportChildren ?? false),
    );
  }

  /**
   * Imports a document written by `exportWorkflow` (in one transaction) and returns the
   * imported workflow ids. Workflows keep their status; an active one runs here once resumed.
   * Throws `ImportRefusedError` for anything this SDK did not export (e.g. DBOS's exports,
   * whose values it cannot read) and `WorkflowConflictError` if a workflow exists already.
   */
  importWorkflow(document: WorkflowExport): Promise<string[]> {
    return this.use('importWorkflow', (engine) => engine.transfer.importWorkflow(document));
  }

  /**
   * Rewinds a finished workflow in place, as DBOS ≥ 5.1: drops its history from `startStep`
   * (default 0) on and re-enqueues it under the same id, so it re-executes from there while
   * peers keep addressing it. Events set from that step on go back to their earlier values,
   * messages it consumed from that step on (and unconsumed ones) are deleted, stream values
   * stay but a close from that step on is undone. Throws `WorkflowNotFoundError`, and
   * `InvalidOperationError` for an active (PENDING, ENQUEUED, DELAYED) workflow: cancel it first.
   */
  rewindWorkflow<R = unknown>(
    workflowId: string,
    options?: RewindOptions,
  ): Promise<WorkflowHandle<R>> {
    return this.use('rewindWorkflow', (engine) =>
      engine.management.rewindWorkflow(workflowId, options),
    ) as Promise<WorkflowHandle<R>>;
  }

  /** Connects to the control plane, if a conductor key is configured. Never throws. */
  private startAgent(engine: Engine): void {
    const { conductor, appName, logger } = this.options;
    if (conductor === undefined) return;
    const identity = {
      executorId: this.options.executorId,
      applicationVersion: engine.scope.applicationVersion,
      applicationName: appName,
      metadata: conductor.executorMetadata,
      queuePollIntervalMs: this.options.queuePollIntervalMs,
    };
    this.agent = new ConductorAgent(conductor, agentHandlers(engine, identity), logger);
    this.agent.start();
  }

  /** Runs `fn` on the engine, or rejects (never throws) with NotLaunchedError. */
  private async use<T>(operation: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
    return fn(this.requireEngine(operation));
  }

  /** The engine, unless not launched yet or shutting down (NotLaunchedError). */
  private requireEngine(operation: string): Engine {
    if (this.stopping !== undefined) throw new NotLaunchedError(operation, SHUTTING_DOWN);
    if (this.engine === undefined) throw new NotLaunchedError(operation);
    return this.engine;
  }
}
