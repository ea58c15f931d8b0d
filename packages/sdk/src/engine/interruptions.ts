/**
 * Internal reasons an execution stops without writing a final status. They never reach users
 * as results: the workflow stays in whatever state caused the stop (CANCELLED, claimed by a
 * newer execution, or PENDING for recovery after a shutdown).
 */
import { WorkflowCancelledError } from '../errors';

/** Another execution claimed the workflow (newer generation) or it left PENDING. */
export class ExecutionSuperseded extends Error {
  constructor(readonly workflowId: string) {
    super(`Execution of workflow "${workflowId}" was superseded`);
    this.name = 'ExecutionSuperseded';
  }
}

/** The SDK is shutting down; the workflow stays PENDING and is recovered later. */
export class ShutdownInterruption extends Error {
  constructor() {
    super('Podium is shutting down');
    this.name = 'ShutdownInterruption';
  }
}

/**
 * Whether a failed execution must leave the stored state alone. A cancellation of some other
 * workflow (say, an awaited child) is an ordinary error of this one.
 */
export function isInterruption(error: unknown, workflowId: string, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  if (error instanceof ExecutionSuperseded || error instanceof ShutdownInterruption) return true;
  return error instanceof WorkflowCancelledError && error.workflowId === workflowId;
}
