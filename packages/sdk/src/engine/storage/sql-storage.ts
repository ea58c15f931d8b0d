/**
 * The single SQL implementation of `Storage`, shared by PostgreSQL and PGlite. Timestamps come
 * from the database clock so that several processes agree on them.
 *
 * This file holds the execution path (workflow and step records); the other concerns live in
 * their own modules, composed here: messaging, dequeueing (`sql-queues`), recovery, operator
 * actions and admin queries.
 */
import type { ListStepsOptions, ListWorkflowsFilter, WorkflowStatusType } from '../../types';
import type { SqlDriver } from './driver';
import { buildListQuery } from './list-query';
import { migrate } from './migrations';
import {
  mapStep,
  mapWorkflow,
  NOW_MS,
  type Row,
  wasForkedFromColumn,
  workflowColumns,
  insertStepStatement,
} from './rows';
import { SqlActions } from './sql-actions';
import { SqlAdmin } from './sql-admin';
import { SqlHistory } from './sql-history';
import { SqlAggregates } from './sql-aggregates';
import { SqlMessaging } from './sql-messaging';
import { SqlPart } from './sql-part';
import { SqlQueues } from './sql-queues';
import { SqlRecovery } from './sql-recovery';
import { SqlStreams } from './sql-streams';
import { SqlSchedules } from './sql-schedules';
import { SqlVersions } from './sql-versions';
import {
  type ClaimResult,
  DeduplicationConflict,
  type DelayedPromotion,
  type ExecutorScope,
  type ForkRequest,
  type NewStep,
  type NewWorkflow,
  type StepRecord,
  type NewMessage,
  type QueueLimits,
  type ResumeResult,
  type Storage,
  type WorkflowOutcome,
  type WorkflowRecord,
} from './storage';

/** The unique index that keeps a deduplication id to one unfinished workflow per queue. */
const DEDUPLICATION_INDEX = 'workflow_status_dedup_idx';

function isDeduplicationViolation(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === DEDUPLICATION_INDEX;
}

export class SqlStorage extends SqlPart implements Storage {
  private readonly all = workflowColumns();
  private readonly selectAll: string;
  private readonly messaging: SqlMessaging;
  private readonly queues: SqlQueues;
  private readonly recovery: SqlRecovery;
  private readonly actions: SqlActions;
  readonly admin: SqlAdmin;
  readonly streams: SqlStreams;
  readonly history: SqlHistory;
  readonly schedules: SqlSchedules;
  readonly versions: SqlVersions;
  readonly aggregates: SqlAggregates;

  constructor(driver: SqlDriver, schema: string) {
    super(driver, schema);
    this.selectAll = `${this.all}, ${wasForkedFromColumn(this.ws)}`;
    this.messaging = new SqlMessaging(driver, schema);
    this.queues = new SqlQueues(driver, schema);
    this.recovery = new SqlRecovery(driver, schema);
    this.actions = new SqlActions(driver, schema);
    this.admin = new SqlAdmin(driver, schema);
    this.streams = new SqlStreams(driver, schema);
    this.history = new SqlHistory(driver, schema);
    this.schedules = new SqlSchedules(driver, schema);
    this.versions = new SqlVersions(driver, schema);
    this.aggregates = new SqlAggregates(driver, schema);
  }

  sendMessage(message: NewMessage, step: NewStep | null): Promise<void> {
    return this.messaging.sendMessage(message, step);
  }

  receiveMessage(
    workflowId: string,
    topic: string | null,
    step: Omit<NewStep, 'output' | 'error'>,
  ): Promise<StepRecord | null> {
    return this.messaging.receiveMessage(workflowId, topic, step);
  }

  setEvent(workflowId: string, key: string, value: string, step: NewStep): Promise<void> {
    return this.messaging.setEvent(workflowId, key, value, step);
  }

  getEvent(workflowId: string, key: string): Promise<string | null> {
    return this.messaging.getEvent(workflowId, key);
  }

  async migrate(): Promise<void> {
    await migrate(this.driver, this.schema);
  }

  async insertWorkflow(wf: NewWorkflow): Promise<{ inserted: boolean; record: WorkflowRecord }> {
    let rows: Row[];
    try {
      rows = await this.driver.query<Row>(
        `INSERT INTO ${this.ws} (workflow_id, name, status, input, executor_id, application_version,
           application_name, queue_name, authenticated_user, parent_workflow_id, priority,
           workflow_timeout_ms, deduplication_id, queue_partition_key, delay_until_epoch_ms,
           workflow_deadline_epoch_ms, generation, created_at, updated_at, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::bigint, $13, $14, $15,
           CASE WHEN $3 = 'PENDING' THEN ${NOW_MS} + $12::bigint END,
           1, ${NOW_MS}, ${NOW_MS}, CASE WHEN $3 = 'PENDING' THEN ${NOW_MS} END)
         ON CONFLICT (workflow_id) DO NOTHING
         RETURNING ${this.all}`,
        [
          wf.workflowId,
          wf.name,
          wf.status,
          wf.input,
          wf.executorId,
          wf.applicationVersion,
          wf.applicationName,
          wf.queueName,
          wf.authenticatedUser,
          wf.parentWorkflowId,
          wf.priority,
          wf.timeoutMs,
          wf.deduplicationId,
          wf.queuePartitionKey,
          wf.delayUntilEpochMs,
        ],
      );
    } catch (error) {
      if (isDeduplicationViolation(error) && wf.queueName !== null && wf.deduplicationId !== null) {
        const holder = await this.queues.deduplicationHolder(wf.queueName, wf.deduplicationId);
        throw new DeduplicationConflict(wf.queueName, wf.deduplicationId, holder);
      }
      throw error;
    }
    if (rows[0] !== undefined) return { inserted: true, record: mapWorkflow(rows[0]) };
    const existing = await this.getWorkflow(wf.workflowId);
    if (existing === null) throw new Error(`workflow ${wf.workflowId} vanished during insert`);
    return { inserted: false, record: existing };
  }

  async getWorkflow(workflowId: string): Promise<WorkflowRecord | null> {
    const rows = await this.driver.query<Row>(
      `SELECT ${this.selectAll} FROM ${this.ws} WHERE workflow_id = $1`,
      [workflowId],
    );
    return rows[0] === undefined ? null : mapWorkflow(rows[0]);
  }

  async listWorkflows(appName: string, filter: ListWorkflowsFilter): Promise<WorkflowRecord[]> {
    const { sql, params } = buildListQuery(this.ws, appName, filter);
    const columns = workflowColumns(filter.loadInput ?? true, filter.loadOutput ?? true);
    const rows = await this.driver.query<Row>(
      `SELECT ${columns}, ${wasForkedFromColumn(this.ws)} FROM ${this.ws} ${sql}`,
      params,
    );
    return rows.map(mapWorkflow);
  }

  async finishWorkflow(id: string, generation: number, outcome: WorkflowOutcome): Promise<boolean> {
    // A finished workflow lets go of its deduplication id (in the same statement: no extra cost).
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = $3, output = $4, error = $5, deduplication_id = NULL,
         completed_at = ${NOW_MS}, updated_at = ${NOW_MS}
       WHERE workflow_id = $1 AND generation = $2 AND status = 'PENDING'
       RETURNING workflow_id`,
      [
        id,
        generation,
        outcome.status,
        outcome.status === 'SUCCESS' ? outcome.output : null,
        outcome.status === 'ERROR' ? outcome.error : null,
      ],
    );
    return rows.length > 0;
  }

  async getStepState(
    workflowId: string,
    functionId: number,
  ): Promise<{ status: WorkflowStatusType; generation: number; step: StepRecord | null } | null> {
    const rows = await this.driver.query<Row>(
      `SELECT w.status AS workflow_status, w.generation, o.*
       FROM ${this.ws} w
       LEFT JOIN ${this.ops} o ON o.workflow_id = w.workflow_id AND o.function_id = $2
       WHERE w.workflow_id = $1`,
      [workflowId, functionId],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      status: String(row.workflow_status) as WorkflowStatusType,
      generation: Number(row.generation),
      step: row.function_id === null || row.function_id === undefined ? null : mapStep(row),
    };
  }

  async recordStep(step: NewStep): Promise<StepRecord> {
    const rows = await this.driver.query<Row>(...insertStepStatement(this.ops, step, '*'));
    if (rows[0] !== undefined) return mapStep(rows[0]);
    const existing = await this.driver.query<Row>(
      `SELECT * FROM ${this.ops} WHERE workflow_id = $1 AND function_id = $2`,
      [step.workflowId, step.functionId],
    );
    if (existing[0] === undefined) throw new Error(`step ${step.functionId} vanished`);
    return mapStep(existing[0]);
  }

  async listSteps(workflowId: string, options: ListStepsOptions): Promise<StepRecord[]> {
    const params: unknown[] = [workflowId];
    let paging = '';
    if (options.limit !== undefined) paging += ` LIMIT $${params.push(options.limit)}`;
    if (options.offset !== undefined) paging += ` OFFSET $${params.push(options.offset)}`;
    const output = options.loadOutput === false ? 'NULL AS output' : 'output';
    const rows = await this.driver.query<Row>(
      `SELECT workflow_id, function_id, function_name, ${output}, error, child_workflow_id,
         started_at, completed_at
       FROM ${this.ops} WHERE workflow_id = $1 ORDER BY function_id${paging}`,
      params,
    );
    return rows.map(mapStep);
  }

  setDelay(workflowId: string, delayUntilEpochMs: number): Promise<WorkflowStatusType | null> {
    return this.actions.setDelay(workflowId, delayUntilEpochMs);
  }

  cancelWorkflow(workflowId: string): Promise<WorkflowStatusType | null> {
    return this.actions.cancelWorkflow(workflowId);
  }

  expireWorkflow(
    workflowId: string,
    generation: number,
    deadlineEpochMs: number,
  ): Promise<boolean> {
    return this.actions.expireWorkflow(workflowId, generation, deadlineEpochMs);
  }

  resumeWorkflows(workflowIds: string[], queueName: string): Promise<ResumeResult> {
    return this.actions.resumeWorkflows(workflowIds, queueName);
  }

  deleteWorkflow(workflowId: string, deleteChildren: boolean): Promise<string[]> {
    return this.actions.deleteWorkflow(workflowId, deleteChildren);
  }

  forkWorkflow(request: ForkRequest): Promise<WorkflowRecord> {
    return this.actions.forkWorkflow(request);
  }

  claimForRecovery(scope: ExecutorScope): Promise<WorkflowRecord[]> {
    return this.recovery.claimForRecovery(scope);
  }

  markRecoveryAttemptsExceeded(workflowId: string, generation: number): Promise<void> {
    return this.recovery.markRecoveryAttemptsExceeded(workflowId, generation);
  }

  requeuePending(
    executorIds: string[],
    scope: Omit<ExecutorScope, 'executorId'>,
    defaultQueue: string,
  ): Promise<number> {
    return this.recovery.requeuePending(executorIds, scope, defaultQueue);
  }

  existPending(scope: ExecutorScope): Promise<boolean> {
    return this.recovery.existPending(scope);
  }

  claimEnqueued(
    scope: ExecutorScope,
    workflowNames: string[],
    queue: QueueLimits,
    limit: number,
  ): Promise<ClaimResult> {
    return this.queues.claimEnqueued(scope, workflowNames, queue, limit);
  }

  promoteDelayed(applicationName: string): Promise<DelayedPromotion> {
    return this.queues.promoteDelayed(applicationName);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
