/**
 * The single SQL implementation of `Storage`, shared by PostgreSQL and PGlite. Timestamps come
 * from the database clock so that several processes agree on them.
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
import { SqlAdmin } from './sql-admin';
import { SqlMessaging } from './sql-messaging';
import { SqlQueues } from './sql-queues';
import type {
  ExecutorScope,
  ForkRequest,
  NewStep,
  NewWorkflow,
  StepRecord,
  NewMessage,
  QueueLimits,
  Storage,
  WorkflowOutcome,
  WorkflowRecord,
} from './storage';

const ACTIVE = `('PENDING', 'ENQUEUED', 'DELAYED')`;
const RESUMABLE = `('CANCELLED', 'ERROR', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED')`;

export class SqlStorage implements Storage {
  private readonly ws: string;
  private readonly ops: string;
  private readonly all = workflowColumns();
  private readonly selectAll: string;
  private readonly messaging: SqlMessaging;
  private readonly queues: SqlQueues;
  readonly admin: SqlAdmin;

  constructor(
    private readonly driver: SqlDriver,
    private readonly schema: string,
  ) {
    this.ws = `${schema}.workflow_status`;
    this.ops = `${schema}.operation_outputs`;
    this.selectAll = `${this.all}, ${wasForkedFromColumn(this.ws)}`;
    this.messaging = new SqlMessaging(driver, schema);
    this.queues = new SqlQueues(driver, schema);
    this.admin = new SqlAdmin(driver, schema);
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
    const rows = await this.driver.query<Row>(
      `INSERT INTO ${this.ws} (workflow_id, name, status, input, executor_id, application_version,
         application_name, queue_name, authenticated_user, parent_workflow_id, priority,
         workflow_timeout_ms, workflow_deadline_epoch_ms, generation, created_at, updated_at,
         started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::bigint,
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
      ],
    );
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
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = $3, output = $4, error = $5,
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

  async cancelWorkflow(workflowId: string): Promise<WorkflowStatusType | null> {
    await this.driver.query(
      `UPDATE ${this.ws} SET status = 'CANCELLED', updated_at = ${NOW_MS}
       WHERE workflow_id = $1 AND status IN ${ACTIVE}`,
      [workflowId],
    );
    return (await this.getWorkflow(workflowId))?.status ?? null;
  }

  async resumeWorkflow(
    workflowId: string,
    defaultQueue: string,
    queueName?: string,
  ): Promise<WorkflowStatusType | null> {
    await this.driver.query(
      `UPDATE ${this.ws} SET status = 'ENQUEUED', queue_name = COALESCE($3, queue_name, $2),
         executor_id = NULL, recovery_attempts = 0, output = NULL, error = NULL,
         workflow_deadline_epoch_ms = NULL, started_at = NULL, completed_at = NULL,
         updated_at = ${NOW_MS}
       WHERE workflow_id = $1 AND status IN ${RESUMABLE}`,
      [workflowId, defaultQueue, queueName ?? null],
    );
    return (await this.getWorkflow(workflowId))?.status ?? null;
  }

  async deleteWorkflow(workflowId: string, deleteChildren: boolean): Promise<string[]> {
    const rows = await this.driver.query<Row>(
      deleteChildren
        ? `WITH RECURSIVE tree AS (
             SELECT workflow_id FROM ${this.ws} WHERE workflow_id = $1
             UNION
             SELECT w.workflow_id FROM ${this.ws} w JOIN tree t ON w.parent_workflow_id = t.workflow_id)
           DELETE FROM ${this.ws} WHERE workflow_id IN (SELECT workflow_id FROM tree)
           RETURNING workflow_id`
        : `DELETE FROM ${this.ws} WHERE workflow_id = $1 RETURNING workflow_id`,
      [workflowId],
    );
    return rows.map((row) => String(row.workflow_id));
  }

  async forkWorkflow(request: ForkRequest): Promise<WorkflowRecord> {
    return this.driver.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `INSERT INTO ${this.ws} (workflow_id, name, status, input, application_version,
           application_name, queue_name, authenticated_user, forked_from, priority,
           created_at, updated_at)
         SELECT $2, name, 'ENQUEUED', input, COALESCE($3, application_version), application_name,
           $4, authenticated_user, workflow_id, priority, ${NOW_MS}, ${NOW_MS}
         FROM ${this.ws} WHERE workflow_id = $1
         RETURNING ${this.all}`,
        [
          request.workflowId,
          request.newWorkflowId,
          request.applicationVersion ?? null,
          request.queueName,
        ],
      );
      if (rows[0] === undefined) throw new Error(`workflow ${request.workflowId} not found`);
      await tx.query(
        `INSERT INTO ${this.ops} (workflow_id, function_id, function_name, output, error,
           child_workflow_id, started_at, completed_at)
         SELECT $2, function_id, function_name, output, error, child_workflow_id, started_at,
           completed_at
         FROM ${this.ops} WHERE workflow_id = $1 AND function_id < $3`,
        [request.workflowId, request.newWorkflowId, request.startStep],
      );
      return mapWorkflow(rows[0]);
    });
  }

  async claimForRecovery(scope: ExecutorScope): Promise<WorkflowRecord[]> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET recovery_attempts = recovery_attempts + 1,
         generation = generation + 1, started_at = ${NOW_MS}, updated_at = ${NOW_MS}
       WHERE status = 'PENDING' AND executor_id = $1 AND application_version = $2
         AND application_name = $3
       RETURNING ${this.all}`,
      [scope.executorId, scope.applicationVersion, scope.applicationName],
    );
    return rows.map(mapWorkflow).sort((a, b) => a.createdAt - b.createdAt);
  }

  async markRecoveryAttemptsExceeded(workflowId: string, generation: number): Promise<void> {
    await this.driver.query(
      `UPDATE ${this.ws} SET status = 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', updated_at = ${NOW_MS}
       WHERE workflow_id = $1 AND generation = $2 AND status = 'PENDING'`,
      [workflowId, generation],
    );
  }

  async requeuePending(
    executorIds: string[],
    scope: Omit<ExecutorScope, 'executorId'>,
    defaultQueue: string,
  ): Promise<number> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = 'ENQUEUED', queue_name = COALESCE(queue_name, $4),
         recovery_attempts = recovery_attempts + 1, started_at = NULL, updated_at = ${NOW_MS}
       WHERE status = 'PENDING' AND executor_id = ANY($1::text[])
         AND application_version = $2 AND application_name = $3
       RETURNING workflow_id`,
      [executorIds, scope.applicationVersion, scope.applicationName, defaultQueue],
    );
    return rows.length;
  }

  async existPending(scope: ExecutorScope): Promise<boolean> {
    const rows = await this.driver.query<Row>(
      `SELECT EXISTS (SELECT 1 FROM ${this.ws} WHERE status = 'PENDING' AND executor_id = $1
         AND application_version = $2 AND application_name = $3) AS exist`,
      [scope.executorId, scope.applicationVersion, scope.applicationName],
    );
    return rows[0]?.exist === true;
  }

  claimEnqueued(
    scope: ExecutorScope,
    workflowNames: string[],
    queue: QueueLimits,
    limit: number,
  ): Promise<WorkflowRecord[]> {
    return this.queues.claimEnqueued(scope, workflowNames, queue, limit);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
