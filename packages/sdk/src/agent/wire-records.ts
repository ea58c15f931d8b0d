/**
 * Engine records → the DBOS records of the executor protocol, exactly as DBOS TypeScript
 * builds them: PascalCase `WorkflowsOutput`, snake_case `WorkflowSteps`, epoch milliseconds as
 * decimal strings, `Priority` as a string, inputs and outputs as `util.inspect` display
 * strings (never truncated), errors as the JSON of the serialised error, absent values left
 * out. One deliberate difference: falsy values (`0`, `''`, `false`, `null`) are rendered;
 * DBOS drops them, which makes "returned 0" look like "returned nothing".
 */
import { inspect } from 'node:util';
import type { QueueOutput, WorkflowSteps, WorkflowsOutput } from '@podium/protocol';
import { isPartitioned, type QueueOptions, type StepInfo, type WorkflowStatus } from '../types';

const DISPLAY = { depth: null, maxArrayLength: null, maxStringLength: null } as const;

/** A value as operators read it (`[ 'order-1', { qty: 2 } ]`). Opaque, not JSON. */
export function display(value: unknown): string {
  return inspect(value, DISPLAY);
}

const epoch = (ms: number | null): string | undefined => (ms === null ? undefined : String(ms));
const text = (value: string | null): string | undefined => value ?? undefined;

export function toWorkflowsOutput(w: WorkflowStatus): WorkflowsOutput {
  return withoutUndefined({
    WorkflowUUID: w.workflowId,
    Status: w.status,
    WorkflowName: w.workflowName,
    AuthenticatedUser: text(w.authenticatedUser),
    Input: w.input === undefined ? undefined : display(w.input),
    Output: w.output === undefined ? undefined : display(w.output),
    Error: w.error === undefined ? undefined : JSON.stringify(w.error),
    CreatedAt: String(w.createdAt),
    UpdatedAt: String(w.updatedAt),
    QueueName: text(w.queueName),
    ApplicationVersion: text(w.applicationVersion),
    ExecutorID: text(w.executorId),
    WorkflowTimeoutMS: epoch(w.timeoutMs),
    WorkflowDeadlineEpochMS: epoch(w.deadlineEpochMs),
    DeduplicationID: text(w.deduplicationId),
    Priority: String(w.priority),
    QueuePartitionKey: text(w.queuePartitionKey),
    // DBOS reports the start of a queued workflow's execution as its dequeue time.
    DequeuedAt: w.queueName === null ? undefined : epoch(w.startedAt),
    ForkedFrom: text(w.forkedFrom),
    WasForkedFrom: w.wasForkedFrom,
    ParentWorkflowID: text(w.parentWorkflowId),
    ScheduleName: text(w.scheduleName),
    DelayUntilEpochMS: epoch(w.delayUntilEpochMs),
    CompletedAt: epoch(w.completedAt),
    ApplicationName: w.applicationName,
  });
}

export function toWorkflowSteps(step: StepInfo): WorkflowSteps {
  return withoutUndefined({
    function_id: step.functionId,
    function_name: step.functionName,
    output: step.output === undefined ? undefined : display(step.output),
    error: step.error === null ? undefined : JSON.stringify(step.error),
    child_workflow_id: text(step.childWorkflowId),
    started_at_epoch_ms: epoch(step.startedAt),
    completed_at_epoch_ms: String(step.completedAt),
  });
}

/** A queue as DBOS describes one; limits not set are null. */
export function toQueueOutput(
  queue: { name: string } & QueueOptions,
  applicationName: string,
  pollIntervalMs: number,
): QueueOutput {
  return {
    name: queue.name,
    concurrency: queue.concurrency ?? null,
    worker_concurrency: queue.workerConcurrency ?? null,
    rate_limit_max: queue.rateLimit?.limitPerPeriod ?? null,
    rate_limit_period_sec: queue.rateLimit?.periodSec ?? null,
    priority_enabled: true,
    partition_queue: isPartitioned(queue),
    polling_interval_sec: pollIntervalMs / 1000,
    application_name: applicationName,
    partition_concurrency: queue.partitionConcurrency ?? null,
    partition_worker_concurrency: queue.partitionWorkerConcurrency ?? null,
    partition_rate_limit_max: queue.partitionRateLimit?.limitPerPeriod ?? null,
    partition_rate_limit_period_sec: queue.partitionRateLimit?.periodSec ?? null,
  };
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
