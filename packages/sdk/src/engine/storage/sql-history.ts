/**
 * SQL for a workflow's recorded history as a whole (part of `SqlStorage`): the events and
 * messages the agent shows, export and import, and rewind. See `HistoryStorage` for the
 * invariants; each write here is one transaction.
 */
import { TERMINAL_STATUSES, type WorkflowStatusType } from '../../types';
import type { Queryable } from './driver';
import {
  type HistoryStorage,
  type NotificationRow,
  type RewindRequest,
  type RewindResult,
  STREAM_CLOSED,
  type WorkflowHistory,
  WorkflowExists,
} from './history-storage';
import {
  mapStep,
  mapWorkflow,
  NOW_MS,
  type Row,
  wasForkedFromColumn,
  workflowColumns,
} from './rows';
import { SqlPart } from './sql-part';
import type { StepRecord, WorkflowRecord } from './storage';

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

export class SqlHistory extends SqlPart implements HistoryStorage {
  async listEvents(workflowId: string): Promise<{ key: string; value: string }[]> {
    const rows = await this.driver.query<Row>(
      `SELECT key, value FROM ${this.events} WHERE workflow_id = $1 ORDER BY key`,
      [workflowId],
    );
    return rows.map((row) => ({ key: String(row.key), value: String(row.value) }));
  }

  async listNotifications(workflowId: string): Promise<NotificationRow[]> {
    return this.notificationsOf(this.driver, workflowId);
  }

  async exportWorkflows(workflowIds: string[]): Promise<WorkflowHistory[]> {
    // One snapshot for the whole export (REPEATABLE READ would be stricter, but a transaction
    // already keeps a workflow's rows from being deleted between the queries).
    return this.driver.transaction(async (tx) => {
      const histories: WorkflowHistory[] = [];
      for (const workflowId of workflowIds) {
        const history = await this.exportOne(tx, workflowId);
        if (history !== null) histories.push(history);
      }
      return histories;
    });
  }

  async importWorkflows(histories: WorkflowHistory[]): Promise<void> {
    try {
      await this.driver.transaction(async (tx) => {
        const ids = histories.map((h) => h.workflow.workflowId);
        const taken = await tx.query<Row>(
          `SELECT workflow_id FROM ${this.ws} WHERE workflow_id = ANY($1::text[])`,
          [ids],
        );
        if (taken[0] !== undefined) throw new WorkflowExists(String(taken[0].workflow_id));
        for (const history of histories) await this.importOne(tx, history);
      });
    } catch (error) {
      // A concurrent import (or start) of the same id won the race.
      if (errorCode(error) === '23505' && histories.length === 1) {
        throw new WorkflowExists(histories[0]?.workflow.workflowId ?? '');
      }
      throw error;
    }
  }

  async rewindWorkflow(request: RewindRequest): Promise<RewindResult> {
    const { workflowId: id, startStep: cut } = request;
    return this.driver.transaction(async (tx) => {
      const found = await tx.query<Row>(
        `SELECT status FROM ${this.ws} WHERE workflow_id = $1 FOR UPDATE`,
        [id],
      );
      if (found[0] === undefined) return { outcome: 'missing' };
      const status = String(found[0].status) as WorkflowStatusType;
      if (!TERMINAL_STATUSES.has(status)) return { outcome: 'active', status };

      // Events set from the cut on go back to the last value set before it (or away).
      const pastCut = (key: string) => `EXISTS (
        SELECT 1 FROM ${this.eventHistory} discarded
        WHERE discarded.workflow_id = $1 AND discarded.key = ${key} AND discarded.function_id >= $2)`;
      await tx.query(
        `DELETE FROM ${this.events} WHERE workflow_id = $1 AND ${pastCut(`${this.events}.key`)}`,
        [id, cut],
      );
      await tx.query(
        `INSERT INTO ${this.events} (workflow_id, key, value)
         SELECT workflow_id, key, value FROM (
           SELECT h.workflow_id, h.key, h.value,
             row_number() OVER (PARTITION BY h.key ORDER BY h.function_id DESC) AS rn
           FROM ${this.eventHistory} h
           WHERE h.workflow_id = $1 AND h.function_id < $2 AND ${pastCut('h.key')}) surviving
         WHERE rn = 1`,
        [id, cut],
      );
      // Values stay (readers may have seen them); only close markers go, so it can append.
      await tx.query(
        `DELETE FROM ${this.streamEntries}
         WHERE workflow_id = $1 AND function_id >= $2 AND value = $3 AND serialization = $4`,
        [id, cut, STREAM_CLOSED.value, STREAM_CLOSED.serialization],
      );
      for (const table of [this.ops, this.eventHistory]) {
        await tx.query(`DELETE FROM ${table} WHERE workflow_id = $1 AND function_id >= $2`, [
          id,
          cut,
        ]);
      }
      await tx.query(
        `DELETE FROM ${this.notifications}
         WHERE destination_id = $1 AND (consumed_by_function_id >= $2 OR NOT consumed)`,
        [id, cut],
      );
      const rows = await tx.query<Row>(
        `UPDATE ${this.ws} SET status = 'ENQUEUED', queue_name = $2,
           application_version = COALESCE($3, application_version), recovery_attempts = 0,
           workflow_deadline_epoch_ms = NULL, deduplication_id = NULL, started_at = NULL,
           completed_at = NULL, output = NULL, error = NULL, updated_at = ${NOW_MS}
         WHERE workflow_id = $1
         RETURNING generation`,
        [id, request.queueName, request.applicationVersion ?? null],
      );
      return { outcome: 'rewound', generation: Number(rows[0]?.generation) };
    });
  }

  private async exportOne(tx: Queryable, workflowId: string): Promise<WorkflowHistory | null> {
    const [status] = await tx.query<Row>(
      `SELECT ${workflowColumns()}, ${wasForkedFromColumn(this.ws)}
       FROM ${this.ws} WHERE workflow_id = $1`,
      [workflowId],
    );
    if (status === undefined) return null;
    const byWorkflow = [workflowId];
    const steps = await tx.query<Row>(
      `SELECT * FROM ${this.ops} WHERE workflow_id = $1 ORDER BY function_id`,
      byWorkflow,
    );
    const events = await tx.query<Row>(
      `SELECT key, value FROM ${this.events} WHERE workflow_id = $1 ORDER BY key`,
      byWorkflow,
    );
    const history = await tx.query<Row>(
      `SELECT function_id, key, value FROM ${this.eventHistory}
       WHERE workflow_id = $1 ORDER BY function_id, key`,
      byWorkflow,
    );
    const streams = await tx.query<Row>(
      `SELECT key, "offset", value, serialization, function_id FROM ${this.streamEntries}
       WHERE workflow_id = $1 ORDER BY key, "offset"`,
      byWorkflow,
    );
    return {
      workflow: mapWorkflow(status),
      steps: steps.map(mapStep),
      events: events.map((row) => ({ key: String(row.key), value: String(row.value) })),
      eventHistory: history.map((row) => ({
        functionId: Number(row.function_id),
        key: String(row.key),
        value: String(row.value),
      })),
      streams: streams.map((row) => ({
        key: String(row.key),
        offset: Number(row.offset),
        value: String(row.value),
        serialization: String(row.serialization),
        functionId: Number(row.function_id),
      })),
      notifications: await this.notificationsOf(tx, workflowId),
    };
  }

  private async importOne(tx: Queryable, history: WorkflowHistory): Promise<void> {
    await this.insertStatus(tx, history.workflow);
    const id = history.workflow.workflowId;
    for (const step of history.steps) await this.insertStep(tx, id, step);
    for (const event of history.events) {
      await tx.query(`INSERT INTO ${this.events} (workflow_id, key, value) VALUES ($1, $2, $3)`, [
        id,
        event.key,
        event.value,
      ]);
    }
    for (const event of history.eventHistory) {
      await tx.query(
        `INSERT INTO ${this.eventHistory} (workflow_id, function_id, key, value)
         VALUES ($1, $2, $3, $4)`,
        [id, event.functionId, event.key, event.value],
      );
    }
    for (const row of history.streams) {
      await tx.query(
        `INSERT INTO ${this.streamEntries} (workflow_id, key, "offset", value, serialization, function_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, row.key, row.offset, row.value, row.serialization, row.functionId],
      );
    }
    for (const message of history.notifications) {
      await tx.query(
        `INSERT INTO ${this.notifications} (message_id, destination_id, topic, message, created_at,
           consumed, consumed_by_function_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          message.messageId,
          id,
          message.topic,
          message.message,
          message.createdAt,
          message.consumed,
          message.consumedByFunctionId,
        ],
      );
    }
  }

  /** The status row as exported; the generation starts over (the next claim moves it on). */
  private async insertStatus(tx: Queryable, w: WorkflowRecord): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.ws} (workflow_id, name, status, input, output, error, executor_id,
         application_version, application_name, queue_name, authenticated_user,
         parent_workflow_id, forked_from, deduplication_id, priority, workflow_timeout_ms,
         workflow_deadline_epoch_ms, recovery_attempts, generation, created_at, updated_at,
         started_at, completed_at, schedule_name, queue_partition_key, delay_until_epoch_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
         0, $19, $20, $21, $22, $23, $24, $25)`,
      [
        w.workflowId,
        w.name,
        w.status,
        w.input,
        w.output,
        w.error,
        w.executorId,
        w.applicationVersion,
        w.applicationName,
        w.queueName,
        w.authenticatedUser,
        w.parentWorkflowId,
        w.forkedFrom,
        w.deduplicationId,
        w.priority,
        w.timeoutMs,
        w.deadlineEpochMs,
        w.recoveryAttempts,
        w.createdAt,
        w.updatedAt,
        w.startedAt,
        w.completedAt,
        w.scheduleName,
        w.queuePartitionKey,
        w.delayUntilEpochMs,
      ],
    );
  }

  private async insertStep(tx: Queryable, workflowId: string, step: StepRecord): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.ops} (workflow_id, function_id, function_name, output, error,
         child_workflow_id, started_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        workflowId,
        step.functionId,
        step.functionName,
        step.output,
        step.error,
        step.childWorkflowId,
        step.startedAt,
        step.completedAt,
      ],
    );
  }

  private async notificationsOf(db: Queryable, workflowId: string): Promise<NotificationRow[]> {
    const rows = await db.query<Row>(
      `SELECT message_id, topic, message, created_at, consumed, consumed_by_function_id
       FROM ${this.notifications} WHERE destination_id = $1 ORDER BY created_at, seq`,
      [workflowId],
    );
    return rows.map((row) => ({
      messageId: String(row.message_id),
      topic: typeof row.topic === 'string' ? row.topic : null,
      message: String(row.message),
      createdAt: Number(row.created_at),
      consumed: row.consumed === true,
      consumedByFunctionId:
        row.consumed_by_function_id === null ? null : Number(row.consumed_by_function_id),
    }));
  }
}
