/** Handles: a reference to one workflow by id, wherever it runs. */
import type { WorkflowStatus } from '../types';

/** A reference to a workflow, usable from any process sharing the database. */
export interface WorkflowHandle<R> {
  readonly workflowId: string;
  /** The current stored status (with input and output), or null if the workflow does not exist. */
  getStatus(): Promise<WorkflowStatus | null>;
  /**
   * Waits for the workflow to finish and returns its result, or throws its (deserialised)
   * error, `WorkflowCancelledError` or `MaxRecoveryAttemptsExceededError`. Waits on the
   * local execution when it runs in this process, and polls the database otherwise.
   * Once `shutdown()` has begun, rejects with `NotLaunchedError` as soon as the workflow is
   * neither finished nor still running here (it stays recorded and is recovered later).
   */
  getResult(options?: { timeoutMs?: number }): Promise<R>;
}

/** What a handle needs from the engine. */
export interface ResultSource {
  getWorkflowStatus(workflowId: string): Promise<WorkflowStatus | null>;
  awaitResult(
    workflowId: string,
    timeoutMs: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown>;
}

export class Handle<R> implements WorkflowHandle<R> {
  constructor(
    private readonly source: ResultSource,
    readonly workflowId: string,
    /** Set for handles used inside a workflow: waiting stops when that workflow is interrupted. */
    private readonly signal?: AbortSignal,
  ) {}

  getStatus(): Promise<WorkflowStatus | null> {
    return this.source.getWorkflowStatus(this.workflowId);
  }

  async getResult(options?: { timeoutMs?: number }): Promise<R> {
    return (await this.source.awaitResult(this.workflowId, options?.timeoutMs, this.signal)) as R;
  }
}
