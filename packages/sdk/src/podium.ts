/**
 * `Podium`: the SDK's entry point. Register workflows, `launch()`, start and manage
 * workflows, `shutdown()`.
 */
import { agentHandlers, ConductorAgent } from './agent/agent';
import { AlreadyLaunchedError, NotLaunchedError } from './errors';
import { computeApplicationVersion } from './internal/app-version';
import { type PodiumOptions, type ResolvedOptions, resolveOptions } from './options';
import { Engine } from './engine/engine';
import type { WorkflowHandle } from './engine/handle';
import { ShutdownInterruption } from './engine/interruptions';
import { type AnyWorkflowFunction, Registry, type WorkflowFunction } from './engine/registry';
import { createStorage } from './engine/storage/create-storage';
import type { Workflow } from './engine/workflow';
import type {
  CancelOptions,
  ForkOptions,
  ListStepsOptions,
  ListWorkflowsFilter,
  QueueOptions,
  ResumeOptions,
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
   * Registers a queue this process serves, with optional concurrency limits. Start workflows
   * on it with `start(args, { queueName })`. Register queues before `launch()`.
   */
  queue(name: string, options: QueueOptions = {}): void {
    this.registry.registerQueue(name, options);
  }

  /**
   * Connects, migrates the schema, resumes this executor's PENDING workflows of this
   * application version, and starts polling for enqueued (recovered, resumed, forked) work.
   */
  async launch(): Promise<void> {
    if (this.state !== 'created') throw new AlreadyLaunchedError('launch()');
    this.state = 'launching';
    this.registry.freeze();
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
      const recovered = await engine.recoverLocal();
      engine.dequeuer.start();
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
   */
  async shutdown(): Promise<void> {
    const engine = this.engine;
    if (engine === undefined) return;
    this.engine = undefined;
    this.state = 'stopped';
    await engine.dequeuer.stop();
    engine.runner.abortAll(new ShutdownInterruption());
    await engine.runner.drain();
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
    return this.use('listWorkflows', (engine) => engine.listWorkflows(filter));
  }

  /** A workflow's checkpointed steps in order, or null if the workflow does not exist. */
  listSteps(workflowId: string, options: ListStepsOptions = {}): Promise<StepInfo[] | null> {
    return this.use('listSteps', (engine) => engine.listSteps(workflowId, options));
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
    return this.use('cancelWorkflow', (engine) => engine.cancelWorkflow(workflowId, options));
  }

  /**
   * Deletes a workflow with its checkpoints, messages and events (and, with
   * `deleteChildren`, all its descendants). A deleted workflow running in this process is
   * interrupted. Returns the deleted ids (empty if none existed).
   */
  deleteWorkflow(workflowId: string, options?: { deleteChildren?: boolean }): Promise<string[]> {
    return this.use('deleteWorkflow', (engine) =>
      engine.deleteWorkflow(workflowId, options?.deleteChildren ?? false),
    );
  }

  /**
   * Re-enqueues a CANCELLED, ERROR or MAX_RECOVERY_ATTEMPTS_EXCEEDED workflow under the same
   * id (on `queueName` if given); it continues from its checkpoints. Recorded step errors replay too, so a workflow
   * that failed in a step fails again: fork from that step to retry it. No-op otherwise.
   */
  resumeWorkflow<R = unknown>(
    workflowId: string,
    options?: ResumeOptions,
  ): Promise<WorkflowHandle<R>> {
    return this.use('resumeWorkflow', (engine) =>
      engine.resumeWorkflow(workflowId, options),
    ) as Promise<WorkflowHandle<R>>;
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
      engine.forkWorkflow(workflowId, startStep, options),
    ) as Promise<WorkflowHandle<R>>;
  }

  /**
   * Re-enqueues the PENDING workflows of the given (dead) executors that belong to this
   * application and this application version; any executor of that version then runs them.
   * Returns how many were re-enqueued. Idempotent.
   */
  recoverPendingWorkflows(executorIds: string[]): Promise<number> {
    return this.use('recoverPendingWorkflows', (engine) =>
      engine.recoverPendingWorkflows(executorIds),
    );
  }

  /** Whether this application has PENDING workflows of that executor and version. */
  existPendingWorkflows(executorId: string, applicationVersion: string): Promise<boolean> {
    return this.use('existPendingWorkflows', (engine) =>
      engine.existPendingWorkflows(executorId, applicationVersion),
    );
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
  private use<T>(operation: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
    const engine = this.engine;
    return engine === undefined ? Promise.reject(new NotLaunchedError(operation)) : fn(engine);
  }

  private requireEngine(operation: string): Engine {
    if (this.engine === undefined) throw new NotLaunchedError(operation);
    return this.engine;
  }
}
