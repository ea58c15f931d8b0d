/** The typed callable returned by `podium.workflow(...)`. */
import type { StartOptions } from '../types';
import type { WorkflowHandle } from './handle';

/**
 * A registered workflow. Call it to run it to completion under a random id, or use `start`
 * for an id of your own and a handle.
 */
export interface Workflow<A extends unknown[], R> {
  (...args: A): Promise<R>;
  /** The registered name. */
  readonly workflowName: string;
  /**
   * Starts (or, for an existing id, finds) the workflow and returns its handle once the
   * workflow is durably recorded. Rejects with `NotLaunchedError`, recording nothing, before
   * `launch()` or once `shutdown()` has begun. A start already being recorded when shutdown
   * begins still resolves, but the workflow does not run in this process: it stays PENDING
   * (or ENQUEUED) and is recovered later, and the handle's `getResult()` rejects with
   * `NotLaunchedError`.
   */
  start(args: A, options?: StartOptions): Promise<WorkflowHandle<R>>;
}
