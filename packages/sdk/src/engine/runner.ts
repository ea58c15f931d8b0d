/**
 * Runs workflow functions in this process.
 *
 * Invariant: at most one execution per workflow id at a time in this process. A second
 * dispatch of an id that is still running (e.g. resumed right after a cancel, or while it was
 * PENDING here) waits for the first to settle. The final status is written through
 * `finishWorkflow`, which the database guards by generation, so stale executions cannot
 * overwrite newer state. A workflow with a deadline is cancelled when the deadline passes
 * while it runs here (or before it starts). An execution settles with the outcome it wrote
 * (undefined if it wrote none), so local waiters get the result without reading it back from
 * the database.
 *
 * Invariant: once `close()` has been called no execution begins, whatever path hands a
 * claimed workflow over (a start, a dequeue, recovery); the workflow stays PENDING on this
 * executor and is recovered later. Only executions begun before are awaited by `drain()`.
 */
import { WorkflowCancelledError } from '../errors';
import type { Logger } from '../logger';
import { deserializeValue, serializeError, serializeValue } from '../internal/serialization';
import { sleep } from '../internal/sleep';
import { type ContextDeps, ExecutionContext } from './context';
import { ExecutionSuperseded, isInterruption } from './interruptions';
import type { Registry } from './registry';
import type { Storage, WorkflowOutcome, WorkflowRecord } from './storage/storage';

interface Execution {
  /** The outcome this execution wrote, or undefined (interrupted, superseded, failed). */
  promise: Promise<WorkflowOutcome | undefined>;
  controller: AbortController;
  /** The generation it was claimed with. */
  generation: number;
}

export class Runner {
  private readonly executions = new Map<string, Execution>();
  private closed = false;

  constructor(
    private readonly storage: Storage,
    private readonly registry: Registry,
    private readonly deps: ContextDeps,
    private readonly logger: Logger,
  ) {}

  /** Starts executing a claimed workflow in the background; once closed, leaves it PENDING. */
  execute(record: WorkflowRecord): void {
    if (this.closed) {
      this.logger.info(
        { workflowId: record.workflowId },
        'shutting down: workflow left PENDING for recovery',
      );
      return;
    }
    const previous = this.executions.get(record.workflowId);
    const controller = new AbortController();
    const promise = (previous?.promise ?? Promise.resolve())
      .then(() => this.runWithDeadline(record, controller))
      .catch((error: unknown) => {
        this.logger.error(
          { workflowId: record.workflowId, err: String(error) },
          'workflow execution failed unexpectedly',
        );
        return undefined;
      })
      .finally(() => {
        if (this.executions.get(record.workflowId)?.promise === promise) {
          this.executions.delete(record.workflowId);
        }
      });
    this.executions.set(record.workflowId, {
      promise,
      controller,
      generation: record.generation,
    });
  }

  /** The local execution of a workflow, if one is running. */
  running(workflowId: string): Promise<WorkflowOutcome | undefined> | undefined {
    return this.executions.get(workflowId)?.promise;
  }

  abort(workflowId: string, reason: Error): void {
    this.executions.get(workflowId)?.controller.abort(reason);
  }

  /**
   * Stops the local execution of a workflow that was moved back to its queue at `generation`
   * (resumed), unless it is already a newer claim's execution. A step in flight finishes and is
   * recorded; nothing after it runs.
   */
  supersede(workflowId: string, generation: number): void {
    const execution = this.executions.get(workflowId);
    if (execution !== undefined && execution.generation <= generation) {
      execution.controller.abort(new ExecutionSuperseded(workflowId));
    }
  }

  /** Begins no execution from now on, and interrupts the running ones with `reason`. */
  close(reason: Error): void {
    this.closed = true;
    for (const execution of this.executions.values()) execution.controller.abort(reason);
  }

  /** Resolves when every local execution has settled. */
  async drain(): Promise<void> {
    while (this.executions.size > 0) {
      await Promise.allSettled([...this.executions.values()].map((e) => e.promise));
    }
  }

  /** Runs the workflow; past its deadline (if any) it is cancelled like `cancelWorkflow`. */
  private async runWithDeadline(
    record: WorkflowRecord,
    controller: AbortController,
  ): Promise<WorkflowOutcome | undefined> {
    const deadline = record.deadlineEpochMs;
    if (deadline === null) return this.run(record, controller.signal);
    const expire = (): Promise<void> => this.expire(record, deadline, controller);
    if (deadline <= Date.now()) {
      await expire();
      return undefined;
    }
    // A sleep on the execution's own lifetime: settles (rejecting) once the run ends.
    const lifetime = new AbortController();
    sleep(deadline - Date.now(), lifetime.signal).then(expire, () => undefined);
    try {
      return await this.run(record, controller.signal);
    } finally {
      lifetime.abort();
    }
  }

  private async expire(
    { workflowId, generation }: WorkflowRecord,
    deadline: number,
    controller: AbortController,
  ): Promise<void> {
    try {
      const cancelled = await this.storage.expireWorkflow(workflowId, generation, deadline);
      this.logger.info({ workflowId, cancelled }, 'workflow deadline passed');
      if (cancelled) controller.abort(new WorkflowCancelledError(workflowId));
    } catch (error) {
      this.logger.error({ workflowId, err: String(error) }, 'could not cancel timed-out workflow');
    }
  }

  private async run(
    record: WorkflowRecord,
    signal: AbortSignal,
  ): Promise<WorkflowOutcome | undefined> {
    const { workflowId } = record;
    // Interrupted while queued behind an earlier execution of the same id: never begin.
    if (signal.aborted) return undefined;
    const fn = this.registry.get(record.name);
    if (fn === undefined) {
      this.logger.error({ workflowId, name: record.name }, 'workflow function not registered');
      return undefined;
    }
    const ctx = new ExecutionContext(workflowId, record.generation, signal, this.deps);
    let outcome: WorkflowOutcome;
    try {
      const args = record.input === null ? [] : (deserializeValue(record.input) as unknown[]);
      outcome = { status: 'SUCCESS', output: serializeValue(await fn(ctx, ...args)) };
    } catch (error) {
      if (isInterruption(error, workflowId, signal)) {
        this.logger.info({ workflowId, reason: String(error) }, 'workflow execution stopped');
        return undefined;
      }
      outcome = { status: 'ERROR', error: serializeError(error) };
    }
    const written = await this.storage.finishWorkflow(workflowId, record.generation, outcome);
    this.logger.debug({ workflowId, status: outcome.status, written }, 'workflow finished');
    return written ? outcome : undefined;
  }
}
