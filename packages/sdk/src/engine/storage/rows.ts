/** Maps raw rows (snake_case; BIGINT as string on pg, number on PGlite) to records. */
import type { WorkflowStatusType } from '../../types';
import type { NewStep, StepRecord, WorkflowRecord } from './storage';

export type Row = Record<string, unknown>;

/**
 * The database clock in epoch milliseconds: one clock for every process. `now()` is fixed
 * for the whole transaction, so every timestamp one statement writes is the same.
 */
export const NOW_MS = `(extract(epoch from now()) * 1000)::bigint`;

/** A rate limit's window in whole milliseconds, the unit of `started_at`. */
export const periodMs = (rate: { periodSec: number }): number =>
  Math.max(1, Math.round(rate.periodSec * 1000));

/**
 * The active statuses, as an SQL list: a workflow in one of them is running or waiting to
 * run. Cancel acts only on these; garbage collection never deletes them.
 */
export const ACTIVE_STATUSES = `('PENDING', 'ENQUEUED', 'DELAYED')`;

/**
 * SET clause of every move to a terminal status other than by finishing (cancel, give up):
 * as in DBOS, the workflow completes now (retention collects it by `completed_at`), leaves
 * its queue (it no longer counts against any limit, nor reports a dequeue) and lets go of its
 * deduplication id. Its start time stays (DBOS clears it; here it also dates direct starts).
 */
export const END_NOW = `completed_at = ${NOW_MS}, updated_at = ${NOW_MS}, queue_name = NULL,
  deduplication_id = NULL`;

export const WORKFLOW_COLUMNS = [
  'workflow_id',
  'name',
  'status',
  'executor_id',
  'application_version',
  'application_name',
  'queue_name',
  'authenticated_user',
  'parent_workflow_id',
  'forked_from',
  'deduplication_id',
  'schedule_name',
  'queue_partition_key',
  'delay_until_epoch_ms',
  'priority',
  'workflow_timeout_ms',
  'workflow_deadline_epoch_ms',
  'recovery_attempts',
  'generation',
  'created_at',
  'updated_at',
  'started_at',
  'completed_at',
].join(', ');

/** Column list with input/output/error optionally replaced by NULL (not loaded). */
export function workflowColumns(loadInput = true, loadOutput = true): string {
  return [
    WORKFLOW_COLUMNS,
    loadInput ? 'input' : 'NULL AS input',
    loadOutput ? 'output, error' : 'NULL AS output, NULL AS error',
  ].join(', ');
}

/**
 * DBOS `WasForkedFrom` ("some workflow was forked from this one"), derived from `forked_from`
 * (indexed) so it can never disagree with the forks that exist. For SELECTs of `table`.
 */
export function wasForkedFromColumn(table: string): string {
  // The alias hides `table` inside the subquery, so `${table}.workflow_id` is the outer row.
  return `EXISTS (SELECT 1 FROM ${table} fork WHERE fork.forked_from = ${table}.workflow_id) AS was_forked_from`;
}

const str = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export function mapWorkflow(row: Row): WorkflowRecord {
  return {
    workflowId: String(row.workflow_id),
    name: String(row.name),
    status: String(row.status) as WorkflowStatusType,
    input: str(row.input),
    output: str(row.output),
    error: str(row.error),
    executorId: str(row.executor_id),
    applicationVersion: str(row.application_version),
    applicationName: String(row.application_name),
    queueName: str(row.queue_name),
    authenticatedUser: str(row.authenticated_user),
    parentWorkflowId: str(row.parent_workflow_id),
    forkedFrom: str(row.forked_from),
    wasForkedFrom: row.was_forked_from === true,
    deduplicationId: str(row.deduplication_id),
    scheduleName: str(row.schedule_name),
    queuePartitionKey: str(row.queue_partition_key),
    delayUntilEpochMs: num(row.delay_until_epoch_ms),
    priority: Number(row.priority),
    timeoutMs: num(row.workflow_timeout_ms),
    deadlineEpochMs: num(row.workflow_deadline_epoch_ms),
    recoveryAttempts: Number(row.recovery_attempts),
    generation: Number(row.generation),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    startedAt: num(row.started_at),
    completedAt: num(row.completed_at),
  };
}

export function mapStep(row: Row): StepRecord {
  return {
    workflowId: String(row.workflow_id),
    functionId: Number(row.function_id),
    functionName: String(row.function_name),
    output: str(row.output),
    error: str(row.error),
    childWorkflowId: str(row.child_workflow_id),
    startedAt: num(row.started_at),
    completedAt: Number(row.completed_at),
  };
}

/**
 * Records a step checkpoint unless one exists (first writer wins); completed now.
 * `returning` picks what the caller reads back.
 */
export function insertStepStatement(
  table: string,
  step: NewStep,
  returning: string,
): [text: string, values: unknown[]] {
  return [
    `INSERT INTO ${table} (workflow_id, function_id, function_name, output, error,
       child_workflow_id, started_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (workflow_id, function_id) DO NOTHING
     RETURNING ${returning}`,
    [
      step.workflowId,
      step.functionId,
      step.functionName,
      step.output,
      step.error,
      step.childWorkflowId,
      step.startedAt,
      Date.now(),
    ],
  ];
}
